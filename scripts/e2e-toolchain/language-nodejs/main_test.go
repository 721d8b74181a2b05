package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// fakeLegacy stands in for the v3.68 host.
type fakeLegacy struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
}

func (fakeLegacy) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: "v3.68.0"}, nil
}

func (fakeLegacy) InstallDependencies(
	_ *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	for _, line := range []string{"one\n", "two\n"} {
		if err := server.Send(&pulumirpc.InstallDependenciesResponse{Stdout: []byte(line)}); err != nil {
			return err
		}
	}
	return nil
}

func serve(t *testing.T, register func(*grpc.Server)) *grpc.ClientConn {
	t.Helper()
	cancel := make(chan bool)
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init:   func(srv *grpc.Server) error { register(srv); return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { close(cancel); <-handle.Done })
	conn, err := grpc.NewClient("127.0.0.1:"+strconv.Itoa(handle.Port), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

// ourHost serves host{} in front of a fake legacy host and returns a client of ours.
func ourHost(t *testing.T) pulumirpc.LanguageRuntimeClient {
	return ourHostWith(t, hostFlags{typescript: true})
}

// ourHostWith is ourHost started with the given command line.
func ourHostWith(t *testing.T, flags hostFlags) pulumirpc.LanguageRuntimeClient {
	legacy := serve(t, func(srv *grpc.Server) { pulumirpc.RegisterLanguageRuntimeServer(srv, fakeLegacy{}) })
	ours := serve(t, func(srv *grpc.Server) {
		pulumirpc.RegisterLanguageRuntimeServer(srv, &host{legacy: pulumirpc.NewLanguageRuntimeClient(legacy), flags: flags})
	})
	return pulumirpc.NewLanguageRuntimeClient(ours)
}

func TestForwardsToLegacyHost(t *testing.T) {
	client := ourHost(t)
	ctx := context.Background()

	info, err := client.GetPluginInfo(ctx, &emptypb.Empty{})
	if err != nil || info.Version != "v3.68.0" {
		t.Fatalf("GetPluginInfo = %v, %v; want the legacy host's v3.68.0", info, err)
	}

	stream, err := client.InstallDependencies(ctx, &pulumirpc.InstallDependenciesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var got string
	for {
		msg, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got += string(msg.Stdout)
	}
	if got != "one\ntwo\n" {
		t.Fatalf("InstallDependencies streamed %q", got)
	}

	// Calls the legacy host does not implement keep its Unimplemented code, so the engine's fallbacks still apply.
	_, err = client.GetRequiredPackages(ctx, &pulumirpc.GetRequiredPackagesRequest{})
	if status.Code(err) != codes.Unimplemented {
		t.Fatalf("GetRequiredPackages error = %v; want Unimplemented", err)
	}
}

// runPlugin calls RunPlugin and collects stdout, stderr and the final error.
func runPlugin(t *testing.T, req *pulumirpc.RunPluginRequest) (string, string, error) {
	stream, err := ourHost(t).RunPlugin(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr string
	for {
		msg, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return stdout, stderr, nil
		}
		if err != nil {
			return stdout, stderr, err
		}
		stdout += string(msg.GetStdout())
		stderr += string(msg.GetStderr())
	}
}

// pluginDir makes a plugin folder whose node_modules/@pulumi/pulumi/cmd/run-plugin prints what it was given.
func pluginDir(t *testing.T, script string) string {
	return sdkDir(t, "run-plugin", script)
}

// sdkDir makes a folder whose node_modules/@pulumi/pulumi/cmd/<entry> is script.
func sdkDir(t *testing.T, entry, script string) string {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not on PATH")
	}
	dir := t.TempDir()
	cmd := filepath.Join(dir, "node_modules", "@pulumi", "pulumi", "cmd", entry)
	if err := os.MkdirAll(cmd, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cmd, "index.js"), []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestRunPluginStartsRunPlugin(t *testing.T) {
	dir := pluginDir(t, `console.log(JSON.stringify({argv: process.argv.slice(1), cwd: process.cwd(),
		ts: process.env.PULUMI_NODEJS_TYPESCRIPT, marker: process.env.MARKER, execArgv: process.execArgv}));
		console.error("to stderr");`)
	pwd := t.TempDir()
	options, err := structpb.NewStruct(map[string]any{"nodeargs": "--no-warnings"})
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr, err := runPlugin(t, &pulumirpc.RunPluginRequest{
		Pwd:  pwd,
		Args: []string{"127.0.0.1:1234"},
		Env:  append(os.Environ(), "MARKER=from-engine"),
		Kind: "resource",
		Info: &pulumirpc.ProgramInfo{RootDirectory: dir, ProgramDirectory: dir, EntryPoint: ".", Options: options},
	})
	if err != nil {
		t.Fatalf("RunPlugin: %v (stderr %q)", err, stderr)
	}
	script := filepath.Join(dir, "node_modules", "@pulumi", "pulumi", "cmd", "run-plugin", "index.js")
	want := `{"argv":["` + script + `","` + dir + `","127.0.0.1:1234"],"cwd":"` + pwd +
		`","ts":"true","marker":"from-engine","execArgv":["--no-warnings"]}` + "\n"
	if stdout != want {
		t.Fatalf("stdout\n got %s\nwant %s", stdout, want)
	}
	if stderr != "to stderr\n" {
		t.Fatalf("stderr = %q", stderr)
	}
}

func TestRunPluginReportsExitCode(t *testing.T) {
	dir := pluginDir(t, `process.exit(3);`)
	_, _, err := runPlugin(t, &pulumirpc.RunPluginRequest{
		Pwd: dir, Env: os.Environ(), Kind: "resource",
		Info: &pulumirpc.ProgramInfo{RootDirectory: dir, ProgramDirectory: dir, EntryPoint: "."},
	})
	if err == nil || !strings.Contains(err.Error(), "Program exited with non-zero exit code: 3") {
		t.Fatalf("err = %v", err)
	}
}

func TestRunPluginWithoutSDK(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not on PATH")
	}
	dir := t.TempDir()
	_, _, err := runPlugin(t, &pulumirpc.RunPluginRequest{
		Pwd: dir, Env: os.Environ(), Kind: "resource",
		Info: &pulumirpc.ProgramInfo{RootDirectory: dir, ProgramDirectory: dir, EntryPoint: "."},
	})
	if err == nil || !strings.Contains(err.Error(), "Have you run npm install in "+dir) {
		t.Fatalf("err = %v", err)
	}
}

func TestRunPluginRefusesPolicyPacks(t *testing.T) {
	_, _, err := runPlugin(t, &pulumirpc.RunPluginRequest{Kind: "analyzer", Info: &pulumirpc.ProgramInfo{}})
	if status.Code(err) != codes.Unimplemented {
		t.Fatalf("err = %v; want Unimplemented", err)
	}
}

func TestRunPluginKillsPluginAfterCancel(t *testing.T) {
	killDelay = 300 * time.Millisecond
	pidFile := filepath.Join(t.TempDir(), "pid")
	dir := pluginDir(t, `require("fs").writeFileSync(process.env.PID_FILE, String(process.pid));
		process.on("SIGTERM", () => {}); setInterval(() => {}, 1000);`)
	ctx, cancel := context.WithCancel(context.Background())
	stream, err := ourHost(t).RunPlugin(ctx, &pulumirpc.RunPluginRequest{
		Pwd: dir, Env: append(os.Environ(), "PID_FILE="+pidFile), Kind: "resource",
		Info: &pulumirpc.ProgramInfo{RootDirectory: dir, ProgramDirectory: dir, EntryPoint: "."},
	})
	if err != nil {
		t.Fatal(err)
	}
	var pid int
	for deadline := time.Now().Add(10 * time.Second); pid == 0 && time.Now().Before(deadline); {
		if b, err := os.ReadFile(pidFile); err == nil && len(b) > 0 {
			pid, _ = strconv.Atoi(string(b))
		} else {
			time.Sleep(20 * time.Millisecond)
		}
	}
	if pid == 0 {
		t.Fatal("the plugin did not start")
	}
	cancel()
	_, _ = stream.Recv()
	alive := func() bool { return syscall.Kill(pid, 0) == nil }
	time.Sleep(100 * time.Millisecond)
	if !alive() {
		t.Fatal("the plugin was killed at once; it should get killDelay to answer the engine's Cancel")
	}
	for deadline := time.Now().Add(5 * time.Second); alive() && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	if alive() {
		t.Fatal("the plugin still runs after killDelay")
	}
}

func TestParseFlags(t *testing.T) {
	got, err := parseFlags([]string{"--logtostderr", "-v=9", "--tracing", "zipkin:1", "-nodeargs=--no-warnings", "127.0.0.1:7000"})
	if err != nil {
		t.Fatal(err)
	}
	want := hostFlags{engineAddress: "127.0.0.1:7000", tracing: "zipkin:1", typescript: true, nodeargs: "--no-warnings"}
	if got != want {
		t.Fatalf("parseFlags = %+v; want %+v", got, want)
	}
}

// The program gets the engine's resource monitor itself, not the v3.68 host's proxy, which answers Unimplemented to
// RegisterStackTransform (pulumi.runtime.registerResourceTransform) and every other call newer than v3.68.
func TestRunGivesNodeTheEnginesMonitor(t *testing.T) {
	dir := sdkDir(t, "run", `require("fs").writeFileSync(process.env.OUT_FILE, JSON.stringify({argv: process.argv.slice(1),
		config: process.env.PULUMI_CONFIG, secretKeys: process.env.PULUMI_CONFIG_SECRET_KEYS,
		ts: process.env.PULUMI_NODEJS_TYPESCRIPT, execArgv: process.execArgv}));`)
	out := filepath.Join(t.TempDir(), "out.json")
	t.Setenv("OUT_FILE", out)
	client := ourHostWith(t, hostFlags{engineAddress: "127.0.0.1:7000", typescript: true, nodeargs: "--no-warnings"})
	resp, err := client.Run(context.Background(), &pulumirpc.RunRequest{
		MonitorAddress:   "127.0.0.1:7001",
		Pwd:              dir,
		Program:          ".",
		Args:             []string{"extra"},
		Project:          "proj",
		Stack:            "dev",
		Organization:     "org",
		Config:           map[string]string{"proj:greeting": "hi"},
		ConfigSecretKeys: []string{"proj:greeting"},
		DryRun:           true,
		Parallel:         4,
		Info:             &pulumirpc.ProgramInfo{RootDirectory: dir, ProgramDirectory: dir, EntryPoint: "."},
	})
	if err != nil || resp.GetError() != "" || resp.GetBail() {
		t.Fatalf("Run = %v, %v", resp, err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Argv       []string
		Config     string
		SecretKeys string
		TS         string
		ExecArgv   []string
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(dir, "node_modules", "@pulumi", "pulumi", "cmd", "run", "index.js")
	want := []string{script, "--monitor", "127.0.0.1:7001", "--engine", "127.0.0.1:7000", "--organization", "org",
		"--project", "proj", "--stack", "dev", "--pwd", dir, "--dry-run", "--query-mode", "false", "--parallel", "4",
		".", "extra"}
	if strings.Join(got.Argv, " ") != strings.Join(want, " ") {
		t.Fatalf("argv\n got %q\nwant %q", got.Argv, want)
	}
	if got.Config != `{"proj:config:greeting":"hi"}` || got.SecretKeys != `["proj:greeting"]` || got.TS != "true" {
		t.Fatalf("config %s, secret keys %s, typescript %q", got.Config, got.SecretKeys, got.TS)
	}
	if strings.Join(got.ExecArgv, " ") != "--no-warnings" {
		t.Fatalf("execArgv = %q", got.ExecArgv)
	}
}

func TestRunReportsExit(t *testing.T) {
	for script, want := range map[string]*pulumirpc.RunResponse{
		`process.exit(3);`:  {Error: "Program exited with non-zero exit code: 3"},
		`process.exit(32);`: {Bail: true},
	} {
		dir := sdkDir(t, "run", script)
		resp, err := ourHost(t).Run(context.Background(), &pulumirpc.RunRequest{
			MonitorAddress: "127.0.0.1:7001", Pwd: dir,
			Info: &pulumirpc.ProgramInfo{RootDirectory: dir, ProgramDirectory: dir, EntryPoint: "."},
		})
		if err != nil || resp.GetError() != want.GetError() || resp.GetBail() != want.GetBail() {
			t.Fatalf("%s: Run = %v, %v; want %v", script, resp, err, want)
		}
	}
}

func TestRunWithoutSDK(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not on PATH")
	}
	dir := t.TempDir()
	resp, err := ourHost(t).Run(context.Background(), &pulumirpc.RunRequest{
		MonitorAddress: "127.0.0.1:7001", Pwd: dir,
		Info: &pulumirpc.ProgramInfo{RootDirectory: dir, ProgramDirectory: dir, EntryPoint: "."},
	})
	if err != nil || !strings.Contains(resp.GetError(), "Have you run npm install in "+dir) {
		t.Fatalf("Run = %v, %v", resp, err)
	}
}
