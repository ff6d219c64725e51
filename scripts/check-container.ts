// npm run check:container: the container answers its health check. With a Docker daemon, the image is built
// and run, and its HEALTHCHECK must report it healthy. Without one (CI's machine has none), the image's own
// start command (its CMD) runs here on a production build, as the image would run it, and the HEALTHCHECK's
// own command must succeed against it; then SIGTERM must stop it cleanly.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../test/free-port";
import { buildIfStale } from "./lib/build-if-stale";

const dockerfile = readFileSync("Dockerfile", "utf8");
const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? "null") as string[] | null;
const healthcheck = /^\s*CMD (node -e ".*")$/m.exec(dockerfile)?.[1];
if (!cmd || !healthcheck) throw new Error("The Dockerfile lost its CMD or its HEALTHCHECK command.");

const environment = {
  SHOPIFY_API_KEY: "container-check",
  SHOPIFY_API_SECRET: randomBytes(16).toString("hex"),
  SHOPIFY_APP_URL: "https://order-sync.example.com",
  TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

if (spawnSync("docker", ["info"], { stdio: "ignore" }).status === 0) await withDocker();
else await withoutDocker();

async function withDocker() {
  const tag = `tiktok-order-sync-check:${randomBytes(4).toString("hex")}`;
  run("docker", ["build", "-t", tag, "."]);
  const env = Object.entries(environment).flatMap(([key, value]) => ["-e", `${key}=${value}`]);
  const id = run("docker", ["run", "-d", "--health-interval=2s", ...env, tag]).trim();
  try {
    for (let i = 0; i < 90; i++) {
      const status = run("docker", ["inspect", "-f", "{{.State.Health.Status}}", id]).trim();
      if (status === "healthy") return console.log(`The container (${tag}) is healthy.`);
      if (status === "unhealthy") throw new Error("The container reported itself unhealthy.");
      await sleep(1000);
    }
    throw new Error("The container was not healthy within 90 s.");
  } finally {
    spawnSync("docker", ["rm", "-f", id], { stdio: "ignore" });
    spawnSync("docker", ["rmi", tag], { stdio: "ignore" });
  }
}

async function withoutDocker() {
  console.log(`No Docker daemon here: running the image's CMD (${cmd?.join(" ")}) on a production build.`);
  buildIfStale();
  const dataDir = mkdtempSync(path.join(tmpdir(), "container-check-"));
  const port = String(await freePort());
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...environment,
    NODE_ENV: "production" as const,
    PORT: port,
    DATABASE_URL: path.join(dataDir, "pglite"),
  };
  const [command = "npm", ...args] = cmd ?? [];
  const server = spawn(command, args, { env, stdio: ["ignore", "inherit", "inherit"], detached: true });
  const exited = new Promise<string>((resolve) =>
    server.once("exit", (code, signal) => resolve(signal ?? `exit code ${code}`)),
  );
  try {
    let healthy = false;
    for (let i = 0; i < 120 && !healthy && server.exitCode === null; i++) {
      await sleep(1000);
      healthy = spawnSync("sh", ["-c", healthcheck ?? ""], { env, stdio: "ignore" }).status === 0;
    }
    if (!healthy) throw new Error("The start command did not answer the health check within 120 s.");
    console.log("The start command answers the image's health check.");
    // As `docker stop` does: SIGTERM to the image's first process, npm, which passes it on to the server
    // (npm then ends by the same signal).
    server.kill("SIGTERM");
    const ended = await exited;
    if (!["exit code 0", "SIGTERM"].includes(ended)) throw new Error(`SIGTERM ended it with ${ended}.`);
    const answers = () =>
      fetch(`http://127.0.0.1:${port}/healthz`).then(
        () => true,
        () => false,
      );
    for (let i = 0; i < 20 && (await answers()); i++) await sleep(500);
    if (await answers()) throw new Error("The server still answers 10 s after SIGTERM.");
    console.log(`SIGTERM stopped it (${ended}).`);
  } finally {
    if (server.exitCode === null) process.kill(-(server.pid ?? 0), "SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.status}).`);
  return result.stdout;
}
