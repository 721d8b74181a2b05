import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { cpuCores, quantityBytes } from "./quantity";

describe("quantities", () => {
    it("read binary and decimal suffixes, and CPU in cores or millicores", () => {
        assert.equal(quantityBytes("3Gi"), 3 * 2 ** 30);
        assert.equal(quantityBytes("512M"), 512e6);
        assert.equal(quantityBytes("1.5Ki"), 1536);
        assert.equal(cpuCores("250m"), 0.25);
        assert.equal(cpuCores("2"), 2);
        assert.equal(quantityBytes("1.25Gi"), 1.25 * 2 ** 30);
        assert.equal(quantityBytes("0.125"), 0.125);
        assert.equal(cpuCores("0.5"), 0.5);
        assert.equal(cpuCores("1.25"), 1.25);
        assert.equal(cpuCores("12.5m"), 0.0125);
    });

    it("refuse what Kubernetes would not read as a memory or CPU quantity", () => {
        for (const text of ["2GB", "ten", "", "1 Gi", "-1Gi", "Gi", "1.Gi", ".5Gi"]) assert.equal(quantityBytes(text), undefined, text);
        for (const text of ["2 cores", "250mi", "", "m", "-1", "-250m", "x2", "1.", ".5"]) assert.equal(cpuCores(text), undefined, text);
    });

    it("grow with the number and with the suffix", () => {
        const suffixes = ["", "k", "Ki", "M", "Mi", "G", "Gi"];
        fc.assert(
            fc.property(fc.nat({ max: 10_000 }), fc.nat({ max: 10_000 }), fc.constantFrom(...suffixes), (a, b, suffix) => {
                assert.equal(Math.sign(quantityBytes(`${a}${suffix}`)! - quantityBytes(`${b}${suffix}`)!), Math.sign(a - b));
            }),
        );
        for (let i = 1; i < suffixes.length; i++) {
            assert.ok(quantityBytes(`1${suffixes[i]}`)! > quantityBytes(`1${suffixes[i - 1]}`)!, suffixes[i]);
        }
    });

    it("read a thousand millicores as one core", () => {
        fc.assert(fc.property(fc.nat({ max: 100_000 }), (n) => assert.equal(cpuCores(`${n * 1000}m`), cpuCores(`${n}`))));
    });
});
