/**
 * Seconds a desktop's WebSocket may stay silent before a proxy in front of the front door may close it. An hour:
 * longer than upstream's 1800 s and than every controller's default, so that no default is shortened (HAProxy's
 * tunnel timeout is already 1 h), and the value ingress-nginx's documentation recommends for WebSockets.
 */
export const SESSION_IDLE_TIMEOUT_SECONDS = 3600;

/**
 * The Ingress annotations that keep desktop sessions open on the controllers that read timeouts from the Ingress;
 * each controller ignores the others' prefixes. Traefik, and HAProxy Technologies' controller, take theirs from
 * their own static configuration only (README, Behind HTTPS).
 */
export function ingressSessionAnnotations(frontDoorService: string): Record<string, string> {
    const seconds = SESSION_IDLE_TIMEOUT_SECONDS;
    return {
        // NGINX Inc.'s controller upgrades to WebSocket only the Services listed here; its times are nginx times.
        "nginx.org/websocket-services": frontDoorService,
        "nginx.org/proxy-read-timeout": `${seconds}s`,
        "nginx.org/proxy-send-timeout": `${seconds}s`,
        // ingress-nginx, retired in March 2026, and Traefik's kubernetesIngressNGINX provider (v3.7 on) that replaces
        // it read these, in seconds: both default to 60 s between two reads, which drops an idle desktop.
        "nginx.ingress.kubernetes.io/proxy-read-timeout": `${seconds}`,
        "nginx.ingress.kubernetes.io/proxy-send-timeout": `${seconds}`,
        // HAProxy Ingress (jcmoraisjr): inactivity allowed on upgraded connections, per backend.
        "haproxy-ingress.github.io/timeout-tunnel": `${seconds}s`,
    };
}
