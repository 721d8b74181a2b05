import { PyDict } from "./pythonLiteral";

/** A log file pyos rotates at 10 MiB, twenty of them kept: upstream's handler in both releases' od.config. */
export function rotatingLogFile(formatter: string, filename: string): PyDict {
    return {
        class: "logging.handlers.RotatingFileHandler",
        filters: ["odcontext"],
        formatter,
        filename,
        maxBytes: 10485760,
        backupCount: 20,
        encoding: "utf8",
    };
}
