// Prints one value of a JSON document, for scripts/lib.sh:
//
//   node scripts/lib/json-get.mjs FILE|- KEY...
//
// follows KEY after KEY into objects and arrays and prints the value (strings as they are,
// anything else as JSON). Exits 1 when a key is missing.
import { readFileSync } from "node:fs";

const [file, ...keys] = process.argv.slice(2);
let value = JSON.parse(readFileSync(file === "-" ? 0 : file, "utf8"));
for (const key of keys) {
  if (value === null || typeof value !== "object" || !(key in value)) {
    console.error(`json-get: no ${JSON.stringify(key)} in ${file} at ${keys.join(".")}`);
    process.exit(1);
  }
  value = value[key];
}
console.log(typeof value === "string" ? value : JSON.stringify(value));
