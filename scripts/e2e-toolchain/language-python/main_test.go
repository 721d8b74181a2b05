package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/blang/semver"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// With FAKE_PYTHON_LEGACY=1 the test binary is a stand-in for the v3.79 host: it reports its arguments as its version.
func TestMain(m *testing.M) {
	if os.Getenv("FAKE_PYTHON_LEGACY") == "1" {
		handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, fakeLegacy{args: strings.Join(os.Args[1:], " ")})
			return nil
		}})
		if err != nil {
			panic(err)
		}
		fmt.Printf("%d\n", handle.Port)
		<-handle.Done
		os.Exit(0)
	}
	os.Exit(m.Run())
}

type fakeLegacy struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	args string
}

func (f fakeLegacy) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: f.args}, nil
}

func programInfo(t *testing.T, root string, options map[string]any) *pulumirpc.ProgramInfo {
	t.Helper()
	s, err := structpb.NewStruct(options)
	if err != nil {
		t.Fatal(err)
	}
	return &pulumirpc.ProgramInfo{RootDirectory: root, ProgramDirectory: root, EntryPoint: ".", Options: s}
}

func TestOneLegacyHostPerVirtualenv(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("PULUMI_LANGUAGE_PYTHON_LEGACY", self)
	t.Setenv("FAKE_PYTHON_LEGACY", "1")
	h := &host{engineArgs: []string{"127.0.0.1:1"}, legacy: map[string]pulumirpc.LanguageRuntimeClient{}}
	args := func(info *pulumirpc.ProgramInfo) string {
		t.Helper()
		legacy, err := h.legacyFor(info)
		if err != nil {
			t.Fatal(err)
		}
		plugin, err := legacy.GetPluginInfo(context.Background(), &emptypb.Empty{})
		if err != nil {
			t.Fatal(err)
		}
		return plugin.Version
	}
	if got := args(nil); got != "127.0.0.1:1" {
		t.Fatalf("default host started with %q", got)
	}
	venv := programInfo(t, "/proj", map[string]any{"toolchain": "pip", "virtualenv": "venv"})
	if got := args(venv); got != "-virtualenv=/proj/venv 127.0.0.1:1" {
		t.Fatalf("host of /proj/venv started with %q", got)
	}
	if got := args(programInfo(t, "/other", map[string]any{"virtualenv": "/abs/env"})); got != "-virtualenv=/abs/env 127.0.0.1:1" {
		t.Fatalf("host of /abs/env started with %q", got)
	}
	args(venv)
	args(programInfo(t, "/proj", nil)) // no virtualenv: the default host
	if len(h.legacy) != 3 {
		t.Fatalf("%d hosts started, want 3 (none, /proj/venv, /abs/env)", len(h.legacy))
	}
	if _, err := h.legacyFor(programInfo(t, "/proj", map[string]any{"toolchain": "uv"})); err == nil ||
		!strings.Contains(err.Error(), "only runs programs with the pip toolchain") {
		t.Fatalf("uv toolchain: err = %v", err)
	}
}

func TestOptions(t *testing.T) {
	opts, err := options(programInfo(t, "/p", map[string]any{}), true)
	if err != nil || opts.Virtualenv != "venv" {
		t.Fatalf("a plugin without options: %+v, %v; want virtualenv venv", opts, err)
	}
	opts, err = options(programInfo(t, "/p", map[string]any{}), false)
	if err != nil || opts.Virtualenv != "" {
		t.Fatalf("a program without options: %+v, %v; want no virtualenv", opts, err)
	}
	if _, err := options(programInfo(t, "/p", map[string]any{"toolchain": "conda"}), false); err == nil {
		t.Fatal("toolchain conda accepted")
	}
}

// noLoader loads nothing: every schema the tests need is preloaded in a cached loader.
type noLoader struct{}

func (noLoader) LoadPackage(string, *semver.Version) (*schema.Package, error) {
	return nil, errors.New("not found")
}

func (noLoader) LoadPackageV2(context.Context, *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, errors.New("not found")
}

func (noLoader) LoadPackageReference(string, *semver.Version) (schema.PackageReference, error) {
	return nil, errors.New("not found")
}

func (noLoader) LoadPackageReferenceV2(context.Context, *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, errors.New("not found")
}

const helloSchema = `{
  "name": "hello", "namespace": "demo", "version": "1.2.3",
  "resources": {"hello:index:Greeter": {"isComponent": true, "type": "object",
    "properties": {"greeting": {"type": "string"}}, "required": ["greeting"],
    "inputProperties": {"name": {"type": "string"}}, "requiredInputs": ["name"]}}
}`

func TestGeneratePackageAndLink(t *testing.T) {
	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(helloSchema), &spec); err != nil {
		t.Fatal(err)
	}
	pkg, diags, err := schema.BindSpec(spec, noLoader{}, schema.ValidationOptions{})
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	loader := schema.NewCachedLoaderWithEntries(noLoader{}, map[string]schema.PackageReference{
		pkg.Identity(): pkg.Reference(),
	})
	cancel := make(chan bool)
	server, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{Cancel: cancel, Init: func(srv *grpc.Server) error {
		schema.LoaderRegistration(schema.NewLoaderServer(loader))(srv)
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { close(cancel); <-server.Done })
	target := "127.0.0.1:" + strconv.Itoa(server.Port)
	h := &host{}
	ctx := context.Background()

	program := t.TempDir()
	sdk := filepath.Join(program, "sdks", "demo-hello")
	generated, err := h.GeneratePackage(ctx, &pulumirpc.GeneratePackageRequest{
		Directory: sdk, Schema: helloSchema, LoaderTarget: target,
	})
	if err != nil || len(generated.Diagnostics) > 0 {
		t.Fatalf("GeneratePackage: %v %v", err, generated)
	}
	source, err := os.ReadFile(filepath.Join(sdk, "demo_hello", "greeter.py"))
	if err != nil || !strings.Contains(string(source), "class Greeter(pulumi.ComponentResource)") {
		t.Fatalf("demo_hello/greeter.py: %v\n%s", err, source)
	}

	if err := os.WriteFile(filepath.Join(program, "requirements.txt"), []byte("pulumi>=3.142.0,<4.0.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	linked, err := h.Link(ctx, &pulumirpc.LinkRequest{
		Info:         programInfo(t, program, map[string]any{"toolchain": "pip", "virtualenv": "venv"}),
		LoaderTarget: target,
		Packages: []*pulumirpc.LinkRequest_LinkDependency{{
			Path:    "sdks/demo-hello",
			Package: &pulumirpc.PackageDependency{Name: "hello", Version: "1.2.3"},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(linked.ImportInstructions, "import demo_hello as hello") {
		t.Fatalf("instructions: %q", linked.ImportInstructions)
	}
	requirements, err := os.ReadFile(filepath.Join(program, "requirements.txt"))
	if err != nil || !strings.Contains(string(requirements), "sdks/demo-hello") ||
		!strings.Contains(string(requirements), "pulumi>=3.142.0") {
		t.Fatalf("requirements.txt: %v\n%s", err, requirements)
	}
}
