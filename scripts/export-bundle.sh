#!/usr/bin/env bash
# Exports the trail bundle of one release (SPEC section 6, format in
# packages/trail-verifier/README.md) from any chain, through a wasmd-compatible CLI's smart
# queries: the release contract's config names its peers, then every log is read page by
# page (release, reports, the ballots of each vote, members), with the release, proposal
# and ballot answers. Check the result offline with `berty-trail verify bundle.json`.
#
#   scripts/export-bundle.sh --node URL --chain-id ID --release ADDR --release-id DIGEST [--cli wasmd] > bundle.json
#   scripts/export-bundle.sh --dry-run [same options]   print each query instead of sending it
#
# Options:
#   --node URL         the node's RPC endpoint, passed to the CLI
#   --chain-id ID      the chain id (part of every log's hash_0)
#   --release ADDR     the release contract
#   --release-id HEX   the release (sha256 of its source archive)
#   --cli NAME         the chain's CLI (default wasmd); called as
#                      `CLI query wasm contract-state smart ADDR JSON --node URL -o json`
#   --dry-run          print each query (one command a line) and send none; what only the
#                      chain can answer (peer addresses, proposal ids, page positions)
#                      appears as <placeholders>
set -euo pipefail

cli=wasmd node="" chain_id="" release="" release_id="" dry_run=false
usage() { sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while (($#)); do
  case $1 in
    --cli) cli=$2; shift 2 ;;
    --node) node=$2; shift 2 ;;
    --chain-id) chain_id=$2; shift 2 ;;
    --release) release=$2; shift 2 ;;
    --release-id) release_id=$2; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) usage ;;
    *) echo "export-bundle.sh: unknown argument $1" >&2; usage ;;
  esac
done
if [[ -z $node || -z $chain_id || -z $release || -z $release_id ]]; then
  echo "export-bundle.sh: --node, --chain-id, --release and --release-id are required" >&2
  usage
fi
if [[ ! $release_id =~ ^[0-9a-f]{64}$ ]]; then
  echo "export-bundle.sh: --release-id must be 64 lowercase hex characters" >&2
  exit 2
fi
command -v node >/dev/null || { echo "export-bundle.sh: needs node" >&2; exit 2; }

exec node -e '
const { execFileSync } = require("child_process");
const [cli, nodeUrl, chainId, release, releaseId, dryRun] = process.argv.slice(1);
const dry = dryRun === "true";
const PAGE = 100;

// A command as a shell would read it back: words with special characters in single quotes.
const show = (words) => words
  .map((w) => (/^[A-Za-z0-9_./:=,@+-]+$/.test(w) ? w : `\x27${w.replace(/\x27/g, "\x27\\\x27\x27")}\x27`))
  .join(" ");

// One smart query; in a dry run, printed, and answered by `stub`.
function query(contract, msg, stub) {
  const args = ["query", "wasm", "contract-state", "smart", contract, JSON.stringify(msg), "--node", nodeUrl, "-o", "json"];
  if (dry) {
    console.log(show([cli, ...args]));
    return stub;
  }
  let out;
  try {
    out = execFileSync(cli, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 28 });
  } catch (e) {
    throw new Error(`${show([cli, ...args])} failed: ${(e.stderr || e.message).trim()}`);
  }
  const answer = JSON.parse(out);
  if (!("data" in answer)) throw new Error(`${show([cli, ...args])}: no data in ${out.slice(0, 200)}`);
  return answer.data;
}

// Every entry of a paged list: `msg(start_after)` asks for the page after it, until an empty page.
function readAll(contract, field, msg, position) {
  const all = [];
  for (;;) {
    const after = all.length ? position(all[all.length - 1]) : null;
    const page = query(contract, msg(after), { [field]: [] })[field];
    if (!page.length) return all;
    // A page that does not move on would be asked for again and again.
    if (after !== null && !(position(page[0]) > after)) {
      throw new Error(`a page of ${field} after ${after} starts at ${position(page[0])}: the node does not page on`);
    }
    all.push(...page);
    if (dry) return all;
  }
}
const bySeq = (entry) => entry.event.seq;

function main() {
  const config = query(release, { config: {} }, {
    membership: "<membership>", audit_registry: "<audit_registry>", council_vote: "<council_vote>",
  });
  const answer = query(release, { release: { release_id: releaseId } }, { release_id: releaseId });
  const releaseLog = readAll(release, "events",
    (start_after) => ({ trail: { release_id: releaseId, start_after, limit: PAGE } }), bySeq);
  const reportsLog = readAll(config.audit_registry, "events",
    (start_after) => ({ report_log: { release_id: releaseId, start_after, limit: PAGE } }), bySeq);
  const proposalIds = releaseLog
    .filter((entry) => entry.event.kind === "vote_opened")
    .map((entry) => entry.event.data.proposal_id);
  if (dry) proposalIds.push("<proposal_id>");
  const votes = proposalIds.map((id) => {
    const council = config.council_vote;
    const proposal = query(council, { proposal: { proposal_id: id } }, {});
    const ballots = readAll(council, "ballots",
      (start_after) => ({ ballots: { proposal_id: id, start_after, limit: PAGE } }), (b) => b.voter);
    const ballotsLog = readAll(council, "events",
      (start_after) => ({ ballot_log: { proposal_id: id, start_after, limit: PAGE } }), bySeq);
    return { proposal, ballots, ballots_log: ballotsLog };
  });
  const membersLog = readAll(config.membership, "events",
    (start_after) => ({ member_log: { start_after, limit: PAGE } }), bySeq);
  const bundle = {
    version: 1,
    chain_id: chainId,
    contracts: {
      membership: config.membership,
      audit_registry: config.audit_registry,
      council_vote: config.council_vote,
      release,
    },
    release_id: releaseId,
    release: answer,
    release_log: releaseLog,
    reports_log: reportsLog,
    votes,
    members_log: membersLog,
  };
  if (!dry) process.stdout.write(JSON.stringify(bundle, null, 2) + "\n");
}

try {
  main();
} catch (e) {
  console.error(`export-bundle.sh: ${e.message}`);
  process.exit(1);
}
' "$cli" "$node" "$chain_id" "$release" "$release_id" "$dry_run"
