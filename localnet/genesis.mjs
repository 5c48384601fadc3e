// The local chain's genesis accounts, for scripts/localnet.sh (which pipes in
// `wasmd keys list --output json`): checks that each member of the deployment config is the
// key of its seed with the role the seed names, then writes HOME/keys.json (key name ->
// address) and HOME/accounts.json (every key funded with AMOUNT of each denom, for
// `genesis bulk-add-genesis-account`).
//
//   node localnet/genesis.mjs HOME CONFIG DEPLOYER_ADDR DENOM,DENOM AMOUNT NAME:ROLE...
//
// Exits 1, naming every disagreement, when the keys and the config disagree.
import { readFileSync, writeFileSync } from "node:fs";

const [home, configFile, deployer, denoms, amount, ...members] = process.argv.slice(2);
const addrs = Object.fromEntries(
  JSON.parse(readFileSync(0, "utf8")).map((k) => [k.name, k.address]),
);
const config = JSON.parse(readFileSync(configFile, "utf8"));
const roleOf = (r) => (typeof r === "string" ? r : r.council.college);
const bad = [];
if (addrs.deployer !== deployer) bad.push(`deployer is ${addrs.deployer}, expected ${deployer}`);
for (const m of members) {
  const [name, role] = m.split(":");
  const entry = config.members.find((e) => e.addr === addrs[name]);
  if (!entry) bad.push(`${name} (${addrs[name]}) is not a member in ${configFile}`);
  else if (roleOf(entry.role) !== role)
    bad.push(`${name} is ${JSON.stringify(entry.role)} in ${configFile}, expected ${role}`);
}
for (const e of config.members)
  if (!Object.values(addrs).includes(e.addr)) bad.push(`member ${e.addr} of ${configFile} is no seed key`);
if (bad.length) {
  bad.forEach((b) => console.error(`localnet.sh: ${b}`));
  process.exit(1);
}
const coins = denoms.split(",").sort().map((denom) => ({ denom, amount }));
writeFileSync(`${home}/keys.json`, JSON.stringify(addrs, null, 2) + "\n");
writeFileSync(
  `${home}/accounts.json`,
  JSON.stringify(Object.values(addrs).map((address) => ({ address, coins }))),
);
