// router-od's HTTPS server (release 4.4 with `exposure.tls.inRouter`), parsed by crossplane as nginx reads it.
// It replaces the route image's plain-HTTP server file: it must listen on 443 with TLS only, hand every request to
// the image's route.conf, and set every variable route.conf reads.
import assert from "node:assert/strict";
import { test } from "node:test";
import { renderRouterHttpsSite, ROUTER_HTTPS_PORT, ROUTER_TLS_DIRECTORY } from "../components/router/httpsSite";
import { find, parse, serverBlock, variables } from "./support/nginxSite";

const SITE = renderRouterHttpsSite({ namespace: "abcdesktop-44", clusterDomain: "cluster.local" });

test("one server, on 443 with TLS only, IPv4 and IPv6: nothing listens in plain HTTP", () => {
    const listens = find(serverBlock(SITE), "listen").map((d) => d.args);
    assert.deepEqual(listens, [
        [String(ROUTER_HTTPS_PORT), "ssl", "default_server"],
        [`[::]:${ROUTER_HTTPS_PORT}`, "ssl", "default_server"],
    ]);
});

test("the certificate and key of the mounted TLS Secret, read at each handshake so a renewal needs no restart", () => {
    const server = serverBlock(SITE);
    assert.deepEqual(find(server, "ssl_certificate")[0]?.args, ["$router_tls_directory/tls.crt"]);
    assert.deepEqual(find(server, "ssl_certificate_key")[0]?.args, ["$router_tls_directory/tls.key"]);
    const map = find(parse(SITE), "map")[0];
    assert.deepEqual(map?.args, ["$server_port", "$router_tls_directory"]);
    assert.deepEqual(map?.block?.[0]?.args, [ROUTER_TLS_DIRECTORY]);
    assert.deepEqual(find(server, "ssl_protocols")[0]?.args, ["TLSv1.2", "TLSv1.3"]);
});

test("hands every request to the image's route.conf, with pyos's full name and the user pods' ports it reads", () => {
    const server = serverBlock(SITE);
    assert.deepEqual(
        find(server, "include").map((d) => d.args[0]),
        ["/tmp/resolver.conf", "route.conf"],
    );
    const set = variables(server);
    assert.equal(set["$pyos_fqdn"], "pyos.abcdesktop-44.svc.cluster.local");
    assert.equal(set["$pyos_service_port"], "8000");
    for (const variable of ["$ws_tcp_bridge_tcp_port", "$file_service_tcp_port", "$spawner_service_tcp_port", "$pulseaudio_http_port"]) {
        assert.match(set[variable] ?? "", /^\d+$/, variable);
    }
});
