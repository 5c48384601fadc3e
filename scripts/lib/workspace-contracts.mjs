// For scripts/lib.sh's build_artifacts: reads `cargo metadata --no-deps --format-version 1`
// on stdin and prints the target directory, then "<package> <lib name>" for each cdylib
// crate under ROOT/contracts/, sorted.
//
//   cargo metadata ... | node scripts/lib/workspace-contracts.mjs ROOT
import { readFileSync } from "node:fs";
import { join } from "node:path";

const meta = JSON.parse(readFileSync(0, "utf8"));
const contracts = join(process.argv[2], "contracts") + "/";
console.log(meta.target_directory);
meta.packages
  .filter((p) => p.manifest_path.startsWith(contracts))
  .flatMap((p) => p.targets.filter((t) => t.kind.includes("cdylib")).map((t) => `${p.name} ${t.name}`))
  .sort()
  .forEach((line) => console.log(line));
