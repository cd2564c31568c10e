// moto (the third-party AWS emulator, `python3 -m moto.server`) for the integration suite: is it installed, start one
// server on a free loopback port, reset it, stop it (also when the test process exits early).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";

/** How to enable the suite, printed once when it is skipped. */
export const ENABLE_HINT = "moto suite skipped: python3 with moto 5 was not found; enable it with `pip install 'moto[server]==5.2.1'` (or set PYTHON to a python that has it)";

/** The python to run moto with (PYTHON overrides). */
const PYTHON = process.env.PYTHON ?? "python3";

let available: boolean | undefined;

/** True when `python3 -m moto.server` can run here (moto 5 importable). */
export function motoAvailable(): boolean {
  if (available === undefined) {
    const probe = spawnSync(PYTHON, ["-c", "import moto, moto.server, sys; sys.exit(0 if moto.__version__.startswith('5.') else 3)"], { stdio: "ignore", timeout: 20_000 });
    available = probe.status === 0;
  }
  return available;
}

/** A running moto server. */
export interface Moto {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Forgets every resource (POST /moto-api/reset). */
  reset(): Promise<void>;
  /** Stops the server and waits for the process to exit. */
  close(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** A loopback port that is free now (moto must be told its port: Step Functions executions call back into it). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts moto on 127.0.0.1 and a free port; resolves once it listens. */
export async function startMoto(): Promise<Moto> {
  const child = spawn(PYTHON, ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(await freePort())], {
    stdio: ["ignore", "pipe", "pipe"],
    // AWS managed policies exist in every account (AWSGlueServiceRole, AmazonS3FullAccess…); moto loads them on request.
    env: { ...process.env, PYTHONUNBUFFERED: "1", MOTO_IAM_LOAD_MANAGED_POLICIES: "true" },
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => running.delete(child));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
    await exited;
    clearTimeout(timer);
  };
  let output = "";
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`moto did not start within 20 s:\n${output}`)), 20_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString("utf8");
        const m = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      child.stdout!.on("data", onData);
      child.stderr!.on("data", onData);
      child.once("exit", (code) => reject(new Error(`moto exited (code ${code}) before listening:\n${output}`)));
    });
    child.stdout!.resume();
    child.stderr!.resume();
    const post = async (path: string, body?: unknown) => {
      const res = await fetch(`${url}${path}`, { method: "POST", ...(body ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}) });
      if (!res.ok) throw new Error(`moto ${path}: HTTP ${res.status}`);
      await res.arrayBuffer();
    };
    return { url, reset: () => post("/moto-api/reset"), close };
  } catch (err) {
    await close();
    throw err;
  }
}
