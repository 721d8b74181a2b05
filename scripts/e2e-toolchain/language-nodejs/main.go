// pulumi-language-nodejs for the e2e toolchain: our own small language host (not upstream code).
//
// The proxy serves no nodejs language host newer than v3.68 (the last sdk/v3 release that contained it), and that
// host answers RunPlugin with "not supported", so source-based Node.js plugins (PulumiPlugin.yaml `runtime: nodejs`,
// which `pulumi package add|get-schema` run) cannot start. This host implements RunPlugin the way upstream's newer
// host does (node runs @pulumi/pulumi/cmd/run-plugin, resolved from the plugin's folder, with the plugin folder and
// the engine's arguments) and forwards the other LanguageRuntime calls but Run to the v3.68 host, which it starts as
// a child process: `pulumi-language-nodejs-v3.68` next to this binary, or PULUMI_LANGUAGE_NODEJS_LEGACY.
//
// It also runs programs itself (Run), as upstream's newer host does: the v3.68 host would put a resource monitor proxy
// of its own, built on v3.68's protobufs, between the program and the engine (see Run).
//
// Not supported here (upstream supports them): policy packs through RunPlugin, the bun runtime, attaching a debugger.
// Linux only (the child gets SIGKILL when this process dies).
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

const legacyName = "pulumi-language-nodejs-v3.68"

// killDelay: how long a plugin may run on once the engine has cancelled RunPlugin (see RunPlugin).
var killDelay = 2 * time.Second

func main() {
	flags, err := parseFlags(os.Args[1:])
	if err != nil {
		cmdutil.Exit(err)
	}
	child, err := startLegacyHost(os.Args[1:])
	if err != nil {
		cmdutil.Exit(err)
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, &host{legacy: child, flags: flags})
			return nil
		},
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start language host RPC server: %w", err))
	}
	// The engine reads the port from our first line of output, as from any plugin.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("language host RPC stopped serving: %w", err))
	}
}

// hostFlags: the command line the engine starts a language host with (the v3.68 host's flags, the logging flags the
// engine may add, then the engine's address).
type hostFlags struct {
	engineAddress string
	tracing       string
	typescript    bool
	tsconfig      string
	nodeargs      string
}

func parseFlags(args []string) (hostFlags, error) {
	var f hostFlags
	set := flag.NewFlagSet("pulumi-language-nodejs", flag.ContinueOnError)
	set.StringVar(&f.tracing, "tracing", "", "Emit tracing to a Zipkin-compatible tracing endpoint")
	set.BoolVar(&f.typescript, "typescript", true, "Use ts-node at runtime to support typescript source natively")
	set.String("root", "", "Project root path to use")
	set.StringVar(&f.tsconfig, "tsconfig", "", "Path to tsconfig.json to use")
	set.StringVar(&f.nodeargs, "nodeargs", "", "Arguments for the Node process")
	set.Bool("logtostderr", false, "log to standard error")
	set.Int("v", 0, "log level")
	set.Bool("logflow", false, "flow logging to plugins")
	if err := set.Parse(args); err != nil {
		return f, err
	}
	if set.NArg() > 0 {
		f.engineAddress = set.Arg(0)
	}
	return f, nil
}

// startLegacyHost starts the v3.68 host with our arguments (the engine address) and connects to the port it prints.
func startLegacyHost(args []string) (pulumirpc.LanguageRuntimeClient, error) {
	bin := os.Getenv("PULUMI_LANGUAGE_NODEJS_LEGACY")
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

type host struct {
	pulumirpc.UnsafeLanguageRuntimeServer
	legacy pulumirpc.LanguageRuntimeClient
	flags  hostFlags
}

// RunPlugin runs a source-based Node.js plugin: node <nodeargs> <run-plugin> <plugin dir> <engine's args>, in the
// engine's working directory, with the engine's environment, streaming its output back.
func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	if req.Kind == string(apitype.AnalyzerPlugin) {
		return status.Error(codes.Unimplemented, "policy packs are not supported by this language host")
	}
	ctx := server.Context()
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetProgram() //nolint:staticcheck // engines before ProgramInfo
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	options := req.GetInfo().GetOptions().AsMap()
	env := req.Env
	if ts, ok := options["typescript"].(bool); !ok || ts {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if tsconfig, ok := options["tsconfig"].(string); ok && tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+tsconfig)
	}
	runPath := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH")
	if runPath == "" {
		runPath = "@pulumi/pulumi/cmd/run-plugin"
	}
	runPath, err = resolveModule(node, dir, runPath)
	if err != nil {
		return err
	}
	var args []string
	if nodeargs, ok := options["nodeargs"].(string); ok {
		args = strings.Fields(nodeargs)
	}
	args = append(args, runPath, dir)
	args = append(args, req.Args...)

	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()
	cmd := exec.CommandContext(ctx, node, args...)
	// The engine cancels this stream a moment before it sends the provider its Cancel RPC at shutdown. Killing node
	// at once (as upstream's CommandContext does) made that RPC fail, and the engine then reported "exited
	// prematurely ... always a bug in the provider" after every `pulumi install` of a project with a source-based
	// package. So node gets WaitDelay to answer Cancel, then SIGKILL; and it dies with this host.
	cmd.Cancel = func() error { return nil }
	cmd.WaitDelay = killDelay
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	cmd.Dir = req.Pwd
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return fmt.Errorf("Program exited with non-zero exit code: %d", exitErr.ExitCode())
		}
		return fmt.Errorf("Problem executing plugin program (could not run language executor): %w", err)
	}
	return closer.Close()
}

// nodeExitedAfterUserActionableMessage: @pulumi/pulumi's exit code when it has already told the user what to do.
const nodeExitedAfterUserActionableMessage = 32

// Run runs a program the way the v3.68 host does (node <nodeargs> @pulumi/pulumi/cmd/run --monitor ... <program>, the
// configuration in PULUMI_CONFIG, the exit code mapped to the engine's answer), with one difference: node talks to the
// engine's resource monitor itself, as with upstream's newer hosts. The v3.68 host gives node a monitor proxy of its
// own instead, generated from v3.68's protobufs: it forwards SupportsFeature to the engine, which says transforms,
// resource hooks and so on are supported, but answers Unimplemented to every ResourceMonitor call newer than v3.68.
// So pulumi.runtime.registerResourceTransform (RegisterStackTransform) failed, and the SDK rejected a promise with
// `undefined`: "TypeError: Cannot read properties of undefined (reading 'name')" in the program's uncaught handler.
// Not done: the v3.68 host's pipes for synchronous invokes (--sync), which only SDKs older than 3.0 use.
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetPwd()
	}
	runPath := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH")
	if runPath == "" {
		runPath = "@pulumi/pulumi/cmd/run"
	}
	runPath, err = resolveModule(node, dir, runPath)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	configJSON, err := legacyConfig(req.GetConfig())
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("failed to serialize configuration: %v", err)}, nil
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("failed to serialize configuration secret keys: %v", err)}, nil
	}

	env := append(os.Environ(), "PULUMI_CONFIG="+configJSON, "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON))
	if h.flags.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if h.flags.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+h.flags.tsconfig)
	}
	args := strings.Fields(h.flags.nodeargs)
	args = append(args, runPath)
	flagArg := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	flagArg("monitor", req.GetMonitorAddress())
	flagArg("engine", h.flags.engineAddress)
	flagArg("organization", req.GetOrganization())
	flagArg("project", req.GetProject())
	flagArg("stack", req.GetStack())
	flagArg("pwd", req.GetPwd())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	flagArg("query-mode", fmt.Sprint(req.GetQueryMode())) //nolint:staticcheck // as the v3.68 host
	flagArg("parallel", fmt.Sprint(req.GetParallel()))
	flagArg("tracing", h.flags.tracing)
	program := req.GetProgram() //nolint:staticcheck // the entry point, as the engine still sends it
	if program == "" {
		program = "."
	}
	args = append(args, program)
	args = append(args, req.GetArgs()...)

	cmd := exec.Command(node, args...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.Env = env
	err = cmd.Run()
	// node may exit with writes to stdout and stderr still unflushed on our side: flush, so the engine sees them.
	_ = os.Stdout.Sync()
	_ = os.Stderr.Sync()
	if err == nil {
		return &pulumirpc.RunResponse{}, nil
	}
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) {
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("Problem executing program (could not run language executor): %v", err),
		}, nil
	}
	switch code := exitErr.ExitCode(); code {
	case 0:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited unexpectedly: %v", exitErr)}, nil
	case nodeExitedAfterUserActionableMessage:
		return &pulumirpc.RunResponse{Bail: true}, nil
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", code)}, nil
	}
}

// legacyConfig is the configuration as the v3.68 host gives it to node: keys as <namespace>:config:<name>, which
// every @pulumi/pulumi reads.
func legacyConfig(values map[string]string) (string, error) {
	transformed := make(map[string]string, len(values))
	for k, v := range values {
		key, err := config.ParseKey(k)
		if err != nil {
			return "", err
		}
		transformed[key.Namespace()+":config:"+key.Name()] = v
	}
	out, err := json.Marshal(transformed)
	return string(out), err
}

// resolveModule is require.resolve(mod) from dir, with npm's hint when it is not installed.
func resolveModule(node, dir, mod string) (string, error) {
	script := fmt.Sprintf(`try { console.log(require.resolve(%q)); } catch (error) {
		console.error(error.code === "MODULE_NOT_FOUND"
			? "It looks like the Pulumi SDK has not been installed. Have you run npm install in %s?" : error.message);
		process.exit(1); }`, mod, dir)
	cmd := exec.Command(node, "-e", script)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return "", errors.New(strings.TrimSpace(string(exitErr.Stderr)))
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// Everything else is the v3.68 host's answer, including its Unimplemented for calls newer than v3.68
// (the engine falls back where it can, e.g. GetRequiredPackages to GetRequiredPlugins).

func (h *host) Handshake(
	ctx context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	return h.legacy.Handshake(ctx, req)
}

func (h *host) GetRequiredPlugins(
	ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return h.legacy.GetRequiredPlugins(ctx, req)
}

func (h *host) GetRequiredPackages(
	ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return h.legacy.GetRequiredPackages(ctx, req)
}

func (h *host) GetPluginInfo(ctx context.Context, req *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return h.legacy.GetPluginInfo(ctx, req)
}

func (h *host) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	stream, err := h.legacy.InstallDependencies(server.Context(), req)
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

func (h *host) RuntimeOptionsPrompts(
	ctx context.Context, req *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return h.legacy.RuntimeOptionsPrompts(ctx, req)
}

func (h *host) Template(ctx context.Context, req *pulumirpc.TemplateRequest) (*pulumirpc.TemplateResponse, error) {
	return h.legacy.Template(ctx, req)
}

func (h *host) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	return h.legacy.About(ctx, req)
}

func (h *host) GetProgramDependencies(
	ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return h.legacy.GetProgramDependencies(ctx, req)
}

func (h *host) GenerateProgram(
	ctx context.Context, req *pulumirpc.GenerateProgramRequest,
) (*pulumirpc.GenerateProgramResponse, error) {
	return h.legacy.GenerateProgram(ctx, req)
}

func (h *host) GenerateProject(
	ctx context.Context, req *pulumirpc.GenerateProjectRequest,
) (*pulumirpc.GenerateProjectResponse, error) {
	return h.legacy.GenerateProject(ctx, req)
}

func (h *host) GeneratePackage(
	ctx context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	return h.legacy.GeneratePackage(ctx, req)
}

func (h *host) Pack(ctx context.Context, req *pulumirpc.PackRequest) (*pulumirpc.PackResponse, error) {
	return h.legacy.Pack(ctx, req)
}

func (h *host) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	return h.legacy.Link(ctx, req)
}

func (h *host) Cancel(ctx context.Context, req *emptypb.Empty) (*emptypb.Empty, error) {
	return h.legacy.Cancel(ctx, req)
}
