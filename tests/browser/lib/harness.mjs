// A minimal test harness: named checks, a line per check, and the closing line
// "N passed, N failed" that CI reads. A check fails by throwing; `Problems` collects several
// problems first so that one run reports all of them.

export class Problems {
  constructor() {
    this.list = [];
  }
  add(message) {
    this.list.push(message);
  }
  /** Throws with every collected problem, if there are any. */
  throwIfAny(limit = 60) {
    if (this.list.length === 0) return;
    const shown = this.list.slice(0, limit);
    const rest = this.list.length - shown.length;
    throw new Error(shown.join("\n") + (rest > 0 ? `\n… og ${rest} til` : ""));
  }
}

export class Suite {
  constructor() {
    this.passed = 0;
    this.failed = 0;
    this.failedNames = [];
  }

  async test(name, fn) {
    const start = Date.now();
    try {
      await fn();
      this.passed++;
      console.log(`ok   ${name} (${Date.now() - start} ms)`);
    } catch (error) {
      this.failed++;
      this.failedNames.push(name);
      const message = String(error?.message ?? error).replace(/^/gm, "     ");
      console.log(`FAIL ${name}\n${message}`);
    }
  }

  summary() {
    if (this.failed > 0) console.log(`\nfeilet: ${this.failedNames.join(", ")}`);
    console.log(`browser: ${this.passed} passed, ${this.failed} failed`);
    return this.failed === 0;
  }
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}
