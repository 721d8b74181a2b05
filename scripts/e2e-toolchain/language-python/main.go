// pulumi-language-python for the e2e toolchain: our own small language host (not upstream code).
//
// The proxy serves no Python language host newer than v3.79 (the last sdk/v3 release that contained it). That host
// has no GeneratePackage and no Link, so `pulumi package add` and `pulumi install` with a `packages:` entry fail
// ("failed to generate SDK: method GeneratePackage not implemented"), and it takes its runtime options (virtualenv)
// only as command-line flags, which this engine no longer passes, so it ran programs with the Python on PATH.
//
// This host answers, the way upstream's newer host does and with the same libraries (pkg/v3 codegen/python,
// sdk/v3 python/toolchain, at the engine's version):
//   - GeneratePackage: the Python SDK of a schema;
//   - Link: adds generated SDKs to the program's requirements.txt (pip) or pyproject.toml;
//   - InstallDependencies: creates the virtualenv named in Pulumi.yaml and installs the requirements into it.
//
// Everything else goes to upstream's v3.79 host, `pulumi-language-python-v3.79` next to this binary (or
// PULUMI_LANGUAGE_PYTHON_LEGACY), started once per virtualenv with `-virtualenv=<path>`, as engines before
// v3.1xx started it. Only the pip toolchain (the default) is supported for running programs.
// Linux only (children get SIGKILL when this process dies).
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"github.com/blang/semver"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/emptypb"

	codegen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
)

const legacyName = "pulumi-language-python-v3.79"

func main() {
	h := &host{engineArgs: os.Args[1:], legacy: map[string]pulumirpc.LanguageRuntimeClient{}}
	// Start the default child now, so that a broken installation fails here rather than on the first call.
	if _, err := h.legacyFor(nil); err != nil {
		cmdutil.Exit(err)
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, h)
			return nil
		},
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start language host RPC server: %w", err))
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("language host RPC stopped serving: %w", err))
	}
}

type host struct {
	pulumirpc.UnsafeLanguageRuntimeServer
	engineArgs []string

	mu     sync.Mutex
	legacy map[string]pulumirpc.LanguageRuntimeClient // v3.79 hosts by absolute virtualenv path ("" = none)
}

// options reads Pulumi.yaml's runtime options as upstream's host does (plugins default to virtualenv "venv").
func options(info *pulumirpc.ProgramInfo, isPlugin bool) (toolchain.PythonOptions, error) {
	opts := toolchain.PythonOptions{Root: info.GetRootDirectory(), ProgramDir: info.GetProgramDirectory()}
	values := info.GetOptions().AsMap()
	if v, ok := values["virtualenv"]; ok {
		s, ok := v.(string)
		if !ok {
			return opts, errors.New("virtualenv option must be a string")
		}
		opts.Virtualenv = s
	}
	if v, ok := values["toolchain"]; ok {
		switch v {
		case "pip":
			opts.Toolchain = toolchain.Pip
		case "poetry":
			opts.Toolchain = toolchain.Poetry
		case "uv":
			opts.Toolchain = toolchain.Uv
		default:
			return opts, fmt.Errorf("unsupported toolchain option: %v", v)
		}
	}
	if v, ok := values["typechecker"]; ok {
		switch v {
		case "mypy":
			opts.Typechecker = toolchain.TypeCheckerMypy
		case "pyright":
			opts.Typechecker = toolchain.TypeCheckerPyright
		default:
			return opts, fmt.Errorf("unsupported typechecker option: %v", v)
		}
	}
	if isPlugin && (opts.Toolchain == toolchain.Pip || opts.Toolchain == toolchain.Auto) && opts.Virtualenv == "" {
		opts.Virtualenv = "venv"
	}
	return opts, nil
}

// legacyFor returns the v3.79 host for the program's virtualenv, starting it on first use.
func (h *host) legacyFor(info *pulumirpc.ProgramInfo) (pulumirpc.LanguageRuntimeClient, error) {
	venv := ""
	if info != nil {
		opts, err := options(info, false)
		if err != nil {
			return nil, err
		}
		if opts.Toolchain == toolchain.Poetry || opts.Toolchain == toolchain.Uv {
			return nil, fmt.Errorf("this pulumi-language-python (upstream v3.79 inside) only runs programs " +
				"with the pip toolchain; remove `toolchain` from Pulumi.yaml's runtime options or set it to pip")
		}
		if venv = opts.Virtualenv; venv != "" && !filepath.IsAbs(venv) {
			venv = filepath.Join(opts.Root, venv)
		}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if client, ok := h.legacy[venv]; ok {
		return client, nil
	}
	var args []string
	if venv != "" {
		args = append(args, "-virtualenv="+venv)
	}
	client, err := startLegacyHost(append(args, h.engineArgs...))
	if err != nil {
		return nil, err
	}
	h.legacy[venv] = client
	return client, nil
}

// startLegacyHost starts the v3.79 host and connects to the port it prints.
func startLegacyHost(args []string) (pulumirpc.LanguageRuntimeClient, error) {
	bin := os.Getenv("PULUMI_LANGUAGE_PYTHON_LEGACY")
	if bin == "" {
		self, err := os.Executable()
		if err != nil {
			return nil, err
		}
		bin = filepath.Join(filepath.Dir(self), legacyName)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	lines := bufio.NewReader(out)
	port, err := lines.ReadString('\n')
	if err != nil {
		return nil, fmt.Errorf("%s printed no port: %w", bin, err)
	}
	go func() { _, _ = io.Copy(os.Stdout, lines) }()
	conn, err := grpc.NewClient("127.0.0.1:"+strings.TrimSpace(port),
		grpc.WithTransportCredentials(insecure.NewCredentials()), rpcutil.GrpcChannelOptions())
	if err != nil {
		return nil, err
	}
	return pulumirpc.NewLanguageRuntimeClient(conn), nil
}

// GeneratePackage writes the Python SDK of req.Schema into req.Directory (as upstream's host does).
func (h *host) GeneratePackage(
	ctx context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	loader, err := schema.NewLoaderClient(req.LoaderTarget)
	if err != nil {
		return nil, err
	}
	defer loader.Close()
	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.Schema), &spec); err != nil {
		return nil, err
	}
	pkg, diags, err := schema.BindSpec(spec, schema.NewCachedLoader(loader), schema.ValidationOptions{
		AllowDanglingReferences: true,
	})
	if err != nil {
		return nil, err
	}
	response := &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}
	if diags.HasErrors() {
		return response, nil
	}
	files, err := codegen.GeneratePackage("pulumi-language-python", pkg, req.ExtraFiles, schema.NewCachedLoader(loader))
	if err != nil {
		return nil, err
	}
	for name, data := range files {
		path := filepath.Join(req.Directory, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return nil, err
		}
	}
	return response, nil
}

// Link adds generated SDKs to the program's dependency file and returns the import lines to show.
func (h *host) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	opts, err := options(req.Info, false)
	if err != nil {
		return nil, err
	}
	loader, err := schema.NewLoaderClient(req.LoaderTarget)
	if err != nil {
		return nil, err
	}
	defer loader.Close()
	cached := schema.NewCachedLoader(loader)

	packages := map[string]string{} // Python distribution name -> path of its SDK
	var imports strings.Builder
	for _, dep := range req.Packages {
		if dep.Package.Name == "pulumi" {
			packages["pulumi"] = dep.Path
			continue
		}
		descriptor := &schema.PackageDescriptor{Name: dep.Package.Name, DownloadURL: dep.Package.Server}
		if v, err := semver.New(dep.Package.Version); err == nil {
			descriptor.Version = v
		}
		if p := dep.Package.Parameterization; p != nil {
			descriptor.Parameterization = &schema.ParameterizationDescriptor{Name: p.Name, Value: p.Value}
			if v, err := semver.New(p.Version); err == nil {
				descriptor.Parameterization.Version = *v
			}
		}
		ref, err := schema.LoadPackageReferenceV2(ctx, cached, descriptor)
		if err != nil {
			return nil, err
		}
		pkg, err := ref.Definition()
		if err != nil {
			return nil, err
		}
		if err := pkg.ImportLanguages(map[string]schema.Language{"python": codegen.Importer}); err != nil {
			return nil, err
		}
		importName := strings.ReplaceAll(ref.Name(), "-", "_")
		packageName := codegen.PyPack(ref.Namespace(), ref.Name())
		if info, ok := pkg.Language["python"].(codegen.PackageInfo); ok && info.PackageName != "" {
			importName, packageName = info.PackageName, info.PackageName
		}
		packages[packageName] = dep.Path
		fmt.Fprintf(&imports, "  import %s as %s\n", packageName, importName)
	}

	// Like upstream: before `pulumi install` has converted requirements.txt, link into it.
	if opts.Toolchain != toolchain.Pip {
		dir := req.Info.ProgramDirectory
		if _, err := os.Stat(filepath.Join(dir, "pyproject.toml")); os.IsNotExist(err) {
			if _, err := os.Stat(filepath.Join(dir, "requirements.txt")); os.IsNotExist(err) {
				return nil, fmt.Errorf("no pyproject.toml or requirements.txt found in %s", dir)
			}
			opts.Toolchain = toolchain.Pip
		}
	}
	tc, err := toolchain.ResolveToolchain(opts)
	if err != nil {
		return nil, err
	}
	if err := tc.LinkPackages(ctx, packages); err != nil {
		return nil, fmt.Errorf("linking packages: %w", err)
	}
	return &pulumirpc.LinkResponse{
		ImportInstructions: "You can import the SDK in your Python code with:\n\n" + imports.String(),
	}, nil
}

// InstallDependencies creates the program's virtualenv when needed and installs its dependencies into it.
func (h *host) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	opts, err := options(req.Info, req.IsPlugin)
	if err != nil {
		return err
	}
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.IsTerminal)
	if err != nil {
		return err
	}
	defer closer.Close()
	tc, err := toolchain.ResolveToolchain(opts)
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, "Installing dependencies...\n\n")
	if err := tc.InstallDependencies(server.Context(), req.Info.ProgramDirectory, req.UseLanguageVersionTools,
		true /*showOutput*/, stdout, stderr); err != nil {
		return err
	}
	fmt.Fprint(stdout, "Finished installing dependencies\n\n")
	return closer.Close()
}

// The rest: the v3.79 host of the request's virtualenv, or the default one for calls without a program.

func (h *host) GetRequiredPlugins(
	ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	legacy, err := h.legacyFor(req.Info)
	if err != nil {
		return nil, err
	}
	return legacy.GetRequiredPlugins(ctx, req)
}

func (h *host) GetRequiredPackages(
	ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	legacy, err := h.legacyFor(req.Info)
	if err != nil {
		return nil, err
	}
	return legacy.GetRequiredPackages(ctx, req)
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	legacy, err := h.legacyFor(req.Info)
	if err != nil {
		return nil, err
	}
	return legacy.Run(ctx, req)
}

func (h *host) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	legacy, err := h.legacyFor(req.Info)
	if err != nil {
		return nil, err
	}
	return legacy.About(ctx, req)
}

func (h *host) GetProgramDependencies(
	ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	legacy, err := h.legacyFor(req.Info)
	if err != nil {
		return nil, err
	}
	return legacy.GetProgramDependencies(ctx, req)
}

func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	legacy, err := h.legacyFor(req.Info)
	if err != nil {
		return err
	}
	stream, err := legacy.RunPlugin(server.Context(), req)
	if err != nil {
		return err
	}
	for {
		msg, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := server.Send(msg); err != nil {
			return err
		}
	}
}

func (h *host) defaultLegacy() pulumirpc.LanguageRuntimeClient {
	legacy, err := h.legacyFor(nil)
	if err != nil {
		panic(err) // started in main
	}
	return legacy
}

func (h *host) Handshake(
	ctx context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	return h.defaultLegacy().Handshake(ctx, req)
}

func (h *host) GetPluginInfo(ctx context.Context, req *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return h.defaultLegacy().GetPluginInfo(ctx, req)
}

func (h *host) RuntimeOptionsPrompts(
	ctx context.Context, req *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return h.defaultLegacy().RuntimeOptionsPrompts(ctx, req)
}

func (h *host) Template(ctx context.Context, req *pulumirpc.TemplateRequest) (*pulumirpc.TemplateResponse, error) {
	return h.defaultLegacy().Template(ctx, req)
}

func (h *host) GenerateProgram(
	ctx context.Context, req *pulumirpc.GenerateProgramRequest,
) (*pulumirpc.GenerateProgramResponse, error) {
	return h.defaultLegacy().GenerateProgram(ctx, req)
}

func (h *host) GenerateProject(
	ctx context.Context, req *pulumirpc.GenerateProjectRequest,
) (*pulumirpc.GenerateProjectResponse, error) {
	return h.defaultLegacy().GenerateProject(ctx, req)
}

func (h *host) Pack(ctx context.Context, req *pulumirpc.PackRequest) (*pulumirpc.PackResponse, error) {
	return h.defaultLegacy().Pack(ctx, req)
}

func (h *host) Cancel(ctx context.Context, req *emptypb.Empty) (*emptypb.Empty, error) {
	return h.defaultLegacy().Cancel(ctx, req)
}
