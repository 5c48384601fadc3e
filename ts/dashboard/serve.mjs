// The dashboard's server (scripts/dashboard.sh starts it): dist/ as static files, on
// 127.0.0.1 only, plus
//   /config.json           what the page needs: chain id, contracts (from a deployment plan), dev
//                          keys (for the local node only: berty-local-1 on loopback)
//   /rpc                   a proxy to the node's CometBFT RPC (so the page has one origin)
//   /trail-verifier.wasm   packages/trail-verifier-wasm built for wasm32
//   /bundle.json           a bundle exported from the node (optional)
//
//   node serve.mjs --node URL [--rest URL] --chain-id ID --plan PLAN.json --wasm FILE [--bundle FILE]
//                  [--port N] [--dist DIR] [--dev-keys a,b,c]
// It prints `serving http://127.0.0.1:PORT/` once it listens.
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer, request } from "node:http";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const { values: opts } = parseArgs({
  options: {
    node: { type: "string", default: "http://127.0.0.1:26657" },
    "chain-id": { type: "string", default: "berty-local-1" },
    rest: { type: "string", default: "http://127.0.0.1:1317" },
    plan: { type: "string" },
    wasm: { type: "string" },
    bundle: { type: "string" },
    port: { type: "string", default: "5180" },
    dist: { type: "string", default: join(here, "dist") },
    "dev-keys": {
      type: "string",
      // scripts/localnet.sh's keys that hold a role in the demo: the Council, the CTRs, the
      // auditors (ursula and victor have registered keys), the staked run's challenger
      default: "alice,amir,ana,tara,tom,theo,carol,cyrus,ursula,victor,audit-one,audit-two,audit-three,chloe",
    },
  },
});

function fail(message) {
  console.error(`serve.mjs: ${message}`);
  process.exit(2);
}
if (!opts.plan) fail("--plan PLAN.json is required (deploy/last-plan.json after scripts/deploy.sh)");
if (!opts.wasm || !existsSync(opts.wasm)) fail(`--wasm: no verifier module at ${opts.wasm}`);
if (opts.bundle && !existsSync(opts.bundle)) fail(`--bundle: no file ${opts.bundle}`);
const dist = resolve(opts.dist);
if (!existsSync(join(dist, "index.html"))) fail(`${dist}/index.html missing: run vite build first`);

const plan = JSON.parse(readFileSync(opts.plan, "utf8"));
for (const key of ["membership", "audit_registry", "council_vote", "release"]) {
  if (typeof plan[key] !== "string") fail(`${opts.plan}: no ${key} address`);
}
const config = {
  rpc: "./rpc",
  chainId: opts["chain-id"],
  rest: opts.rest,
  contracts: {
    membership: plan.membership,
    auditRegistry: plan.audit_registry,
    councilVote: plan.council_vote,
    release: plan.release,
  },
  verifierUrl: "./trail-verifier.wasm",
  bundleUrl: opts.bundle ? "./bundle.json" : null,
  devKeys: [],
};
const node = new URL(opts.node);
// The development keys' secrets are public (sha256("berty-demo/NAME")): offered for the local
// node only, so that a page served against a real chain never signs with them.
// The node must say so itself: a loopback port may be a tunnel to another chain.
async function nodeNetwork() {
  try {
    const status = await (await fetch(`${opts.node.replace(/\/$/, "")}/status`, { signal: AbortSignal.timeout(5000) })).json();
    return status?.result?.node_info?.network ?? null;
  } catch {
    return null;
  }
}
const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(node.hostname);
const network = loopback && opts["chain-id"] === "berty-local-1" ? await nodeNetwork() : null;
if (network === "berty-local-1") config.devKeys = opts["dev-keys"].split(",").filter(Boolean);
else console.error(`serve.mjs: ${opts.node} is not the local node berty-local-1 (it says ${network ?? "nothing"}): no development keys, sign with Keplr`);

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
};

function sendFile(res, file) {
  res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
  createReadStream(file).pipe(res);
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  if (url.pathname === "/rpc" || url.pathname.startsWith("/rpc/")) {
    const upstream = request(
      {
        hostname: node.hostname,
        port: node.port,
        method: req.method,
        path: url.pathname.slice(4) + url.search || "/",
        headers: { "content-type": req.headers["content-type"] ?? "application/json" },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { "content-type": answer.headers["content-type"] ?? "application/json" });
        answer.pipe(res);
      },
    );
    upstream.on("error", (e) => {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end(`the node at ${opts.node} does not answer: ${e.message}`);
    });
    req.pipe(upstream);
    return;
  }
  if (url.pathname === "/config.json") {
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify(config));
    return;
  }
  if (url.pathname === "/trail-verifier.wasm") return sendFile(res, opts.wasm);
  if (url.pathname === "/bundle.json" && opts.bundle) return sendFile(res, opts.bundle);
  let path;
  try {
    path = normalize(join(dist, decodeURIComponent(url.pathname === "/" ? "/index.html" : url.pathname)));
  } catch {
    // a malformed %-escape must not end the server (any page the browser shows can send one)
    res.writeHead(400, { "content-type": "text/plain" });
    res.end("bad path");
    return;
  }
  // inside dist/ only: %2e%2e survives URL parsing, and dist-other/ shares the prefix
  if (!path.startsWith(dist + sep) || !existsSync(path) || !statSync(path).isFile()) {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
    return;
  }
  sendFile(res, path);
});

server.listen(Number(opts.port), "127.0.0.1", () => {
  const { port } = server.address();
  console.log(`serving http://127.0.0.1:${port}/ (node ${opts.node}, chain ${config.chainId})`);
});
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.close(() => process.exit(0)));
