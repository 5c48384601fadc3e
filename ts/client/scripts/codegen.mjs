// Regenerates src/generated/ from the committed contract schemas (../../schema), with
// @cosmwasm/ts-codegen: the types and the query and execute clients of the four contracts.
// `node scripts/codegen.mjs [OUT_DIR]`; the drift test writes to a temporary folder and
// compares. Never edit src/generated/ by hand: change the contracts, run
// `cargo run -p berty-schema`, then `npm run codegen -w ts/client`.
import { readdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import codegen from "@cosmwasm/ts-codegen";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../../..");
const out = resolve(process.argv[2] ?? join(here, "../src/generated"));

// Crate names as the schemas name them, class names for the generated code.
const contracts = {
  membership: "Membership",
  "audit-registry": "AuditRegistry",
  "council-vote": "CouncilVote",
  release: "Release",
};
for (const dir of readdirSync(join(root, "schema"))) {
  if (!(dir in contracts)) throw new Error(`schema/${dir}: not a contract codegen.mjs knows`);
}

rmSync(out, { recursive: true, force: true });
await codegen.default({
  contracts: Object.entries(contracts).map(([dir, name]) => ({ name, dir: join(root, "schema", dir) })),
  outPath: out,
  options: {
    bundle: { enabled: false },
    types: { enabled: true },
    client: { enabled: true },
    reactQuery: { enabled: false },
    recoil: { enabled: false },
    messageComposer: { enabled: false },
    messageBuilder: { enabled: false },
    useContractsHook: { enabled: false },
  },
});
