/**
 * nginx site renderer tests. The site is parsed by crossplane, an nginx config parser with nginx's
 * context and argument checks (tests/tools/parse_nginx_site.py); it is required: `pip install crossplane`.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { renderNginxDefaultSite } from "../components/nginx/site";

import { find, parse, serverBlock, variables } from "./support/nginxSite";

test("http-level directives: Lua module path and font types", () => {
    const http = parse(renderNginxDefaultSite({ namespace: "abcdesktop", clusterDomain: "cluster.local" }));
    assert.deepEqual(find(http, "lua_package_path")[0]?.args, ["/usr/local/share/lua/5.1/?.lua;;"]);
    const types = find(http, "types")[0]?.block ?? [];
    assert.deepEqual(
        types.map((d) => [d.directive, ...d.args]),
        [
            ["application/font-woff2", "woff2"],
            ["application/-font-ttf", "ttc", "ttf"],
            ["font/opentype", "otf"],
        ],
    );
});

test("upstream server block: port 80, web root, status page, route.conf, user pod ports", () => {
    const server = serverBlock(renderNginxDefaultSite({ namespace: "abcdesktop", clusterDomain: "cluster.local" }));
    assert.deepEqual(find(server, "listen")[0]?.args, ["80"]);
    assert.deepEqual(find(server, "server_name")[0]?.args, ["_"]);
    assert.deepEqual(find(server, "root")[0]?.args, ["/var/webModules"]);
    assert.deepEqual(find(server, "index")[0]?.args, ["index.html", "index.htm"]);
    assert.deepEqual(find(server, "resolver")[0]?.args, ["kube-dns.kube-system.svc.cluster.local"]);
    const status = find(server, "location").find((d) => d.args[0] === "/nstatus");
    assert.deepEqual(
        status?.block?.map((d) => d.directive),
        ["stub_status"],
    );
    // route.conf holds the locations; it must come after the variables it uses
    assert.equal(server[server.length - 1]?.directive, "include");
    assert.deepEqual(server[server.length - 1]?.args, ["route.conf"]);
    assert.deepEqual(variables(server), {
        $my_speedtest: "speedtest.abcdesktop.svc.cluster.local",
        $my_proxy: "pyos.abcdesktop.svc.cluster.local",
        $pulseaudio_http_port: "4714",
        $ws_tcp_bridge_tcp_port: "6081",
        $api_service_tcp_port: "8000",
        $filemanager_bridge_tcp_port: "29780",
        $xterm_tcp_port: "29781",
        $printerfile_service_tcp_port: "29782",
        $file_service_tcp_port: "29783",
        $broadcast_tcp_port: "29784",
        $lync_service_tcp_port: "29785",
        $spawner_service_tcp_port: "29786",
        $janus_service_tcp_port: "29787",
    });
});

test("service names follow namespace and cluster domain", () => {
    const text = renderNginxDefaultSite({ namespace: "desk-prod", clusterDomain: "k8s.example.org" });
    assert.ok(!text.includes("cluster.local"));
    assert.ok(!text.includes("abcdesktop.svc"));
    const server = serverBlock(text);
    assert.deepEqual(find(server, "resolver")[0]?.args, ["kube-dns.kube-system.svc.k8s.example.org"]);
    const vars = variables(server);
    assert.equal(vars["$my_proxy"], "pyos.desk-prod.svc.k8s.example.org");
    assert.equal(vars["$my_speedtest"], "speedtest.desk-prod.svc.k8s.example.org");
});

test("names that could inject nginx syntax are rejected", () => {
    assert.throws(() => renderNginxDefaultSite({ namespace: "x; include /etc/passwd", clusterDomain: "cluster.local" }), /namespace/);
    assert.throws(() => renderNginxDefaultSite({ namespace: "abcdesktop", clusterDomain: "cluster.local;}" }), /clusterDomain/);
});

test("the parser rejects a broken site (the parser is real)", () => {
    assert.throws(() => parse("server { listen 80;\n"), /unexpected end of file/);
    assert.throws(() => parse("listen 80;\n"), /not allowed here/);
});
