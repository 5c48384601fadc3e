//! The demo's runs on a real node, and their gas against the embedded chain's.
//!
//! ```text
//! berty-e2e replay RUN --out RESULT NODE-FLAGS [--deploy-txs TSV]
//! berty-e2e calibrate RESULT... [--markdown FILE] [--tolerance PERCENT]
//! berty-e2e env RUN
//! berty-e2e trail-head --cli BIN --node URL --release ADDR --release-id HEX
//!
//! NODE-FLAGS: --cli BIN --home DIR --node RPC-URL --api REST-URL --chain-id ID [--keyring-backend B]
//! ```
//!
//! - `replay` sends every step of a run (`berty-demo --run`, `berty-bench --node-run`) with
//!   the CLI, signed by the key of the step's sender, waits through the seconds the step
//!   waits, and checks what the embedded chain saw: a step included and successful, a
//!   refusal with the contract's text (the CLI's simulation fails with it), a step out of
//!   gas (included with code 11, the queries it names unchanged), the balances before and
//!   after, the answers after. It records each transaction's `gas_used`, its bytes and its
//!   signer's account, with the deployment's transactions (`scripts/deploy.sh --record`).
//!   Exits 1 naming the first step that differs.
//! - `calibrate` splits each measured `gas_used` into the ante handler's part
//!   (`berty_chain::gas::ante`, from the transaction's bytes and the signer's account) and
//!   the message part, and compares the message part with the embedded chain's; writes the
//!   table (and the ballot ratio against cw3-flex-multisig when both were measured) and
//!   exits 1 when a step differs by more than the tolerance (1 % by default).
//! - `env` prints shell assignments for a run: `RELEASE_ID`, `RELEASE_CONTRACT` and each
//!   contract's address (`CONTRACT_<NAME>`).
//! - `trail-head` asks the release contract for the trail head of a release, through the
//!   CLI, and prints it.

use std::collections::BTreeMap;
use std::process::{Command, ExitCode};
use std::time::Duration;

use berty_chain::gas::ante::{self, Signer};
use berty_chain::node::{Gas, Included, Node, NotSent};
use berty_chain::run::{self, Action, Expect, Run};
use berty_chain::GasUsed;
use serde::{Deserialize, Serialize};
use serde_json::Value;

const USAGE: &str = "usage:
  berty-e2e replay RUN --out RESULT --cli BIN --home DIR --node RPC-URL --api REST-URL --chain-id ID [--keyring-backend B] [--deploy-txs TSV]
  berty-e2e calibrate RESULT... [--markdown FILE] [--tolerance PERCENT]
  berty-e2e env RUN
  berty-e2e trail-head --cli BIN --node URL --release ADDR --release-id HEX";

/// The allowance for the ante handler when a step is given too little gas on purpose:
/// the step's message-part limit plus the ante's gas for a transaction of about this
/// many bytes more than its message.
const TX_ENVELOPE_BYTES: usize = 330;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("replay") => replay(&args[1..]),
        Some("calibrate") => calibrate(&args[1..]),
        Some("env") => env(&args[1..]),
        Some("trail-head") => trail_head(&args[1..]),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("berty-e2e: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `--flag value` pairs and the positional arguments.
fn options(args: &[String]) -> Result<(BTreeMap<String, String>, Vec<String>), String> {
    let mut flags = BTreeMap::new();
    let mut positional = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if let Some(flag) = arg.strip_prefix("--") {
            let value = it.next().ok_or_else(|| format!("--{flag} needs a value"))?;
            flags.insert(flag.to_string(), value.clone());
        } else {
            positional.push(arg.clone());
        }
    }
    Ok((flags, positional))
}

fn required<'a>(flags: &'a BTreeMap<String, String>, name: &str) -> Result<&'a str, String> {
    flags
        .get(name)
        .map(String::as_str)
        .ok_or_else(|| format!("--{name} is required\n{USAGE}"))
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &str) -> Result<T, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))
}

/// One transaction measured on the node.
#[derive(Serialize, Deserialize, Clone, Debug)]
struct Measured {
    run: String,
    what: String,
    label: String,
    hash: String,
    height: u64,
    code: u32,
    gas_used: u64,
    gas_wanted: u64,
    tx_bytes: usize,
    /// The signer's account before the transaction.
    signer: Signer,
    /// The embedded chain's message part (absent for a step out of gas).
    predicted: Option<GasUsed>,
}

impl Measured {
    fn ante(&self) -> u64 {
        ante::gas(self.tx_bytes, &self.signer)
    }

    fn message(&self) -> u64 {
        self.gas_used.saturating_sub(self.ante())
    }
}

#[derive(Serialize, Deserialize, Clone, Debug)]
struct Replayed {
    run: String,
    chain_id: String,
    measured: Vec<Measured>,
    /// Refusals seen, with the CLI's text.
    refused: Vec<(String, String)>,
}

struct Replayer<'a> {
    node: Node,
    run: &'a Run,
    /// The block time of the last included transaction (ns).
    last_time: Option<u128>,
    code_ids: BTreeMap<String, String>,
    out: Replayed,
}

/// Whether the node's text holds the embedded chain's: the same words, with long digit
/// runs (times, which differ between the chains) taken as any digits. The CLI logs the
/// error as `err="..."`, quotes escaped.
fn says(text: &str, expected: &str) -> bool {
    let text = &text.replace("\\\"", "\"");
    let pieces = split_long_numbers(expected);
    let mut start = 0;
    'outer: while start <= text.len() {
        let Some(first) = pieces.first() else {
            return true;
        };
        let Some(found) = text[start..].find(first.as_str()) else {
            return false;
        };
        let mut at = start + found + first.len();
        for piece in &pieces[1..] {
            // a run of digits stood here
            let digits = text[at..].bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                start = start + found + 1;
                continue 'outer;
            }
            at += digits;
            if !text[at..].starts_with(piece.as_str()) {
                start = start + found + 1;
                continue 'outer;
            }
            at += piece.len();
        }
        return true;
    }
    false
}

/// `expected` cut at every run of 9 or more digits.
fn split_long_numbers(expected: &str) -> Vec<String> {
    let bytes = expected.as_bytes();
    let mut pieces = vec![String::new()];
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if run >= 9 {
            pieces.push(String::new());
            i += run;
        } else {
            let take = run.max(1);
            pieces
                .last_mut()
                .expect("never empty")
                .push_str(&expected[i..i + take]);
            i += take;
        }
    }
    pieces
}

impl Replayer<'_> {
    fn address(&self, key: &str) -> Result<&str, String> {
        self.run
            .keys
            .get(key)
            .map(String::as_str)
            .ok_or_else(|| format!("the run names no address for key {key}"))
    }

    /// Waits until the chain's time is `seconds` past the last included transaction.
    fn wait(&self, seconds: u64) -> Result<(), String> {
        let Some(last) = self.last_time else {
            return Ok(());
        };
        let until = last + u128::from(seconds) * 1_000_000_000;
        println!("  (waiting for the chain's clock to pass {seconds} s)");
        let start = std::time::Instant::now();
        while self.node.latest_time()? < until {
            if start.elapsed() > Duration::from_secs(seconds + 60) {
                return Err(format!("the chain's clock did not pass {seconds} s"));
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Ok(())
    }

    fn measure(
        &mut self,
        what: &str,
        label: &str,
        included: &Included,
        predicted: Option<GasUsed>,
    ) -> Result<(), String> {
        let (addr, sequence) = included.signer_sequence()?;
        let mut signer = self.node.account(&addr)?;
        // The account as it was: it signed with `sequence`, and its key is stored by its
        // first transaction.
        signer.sequence = sequence;
        signer.has_pubkey = sequence > 0;
        self.last_time = Some(self.node.block_time(included.height)?);
        self.out.measured.push(Measured {
            run: self.run.name.clone(),
            what: what.into(),
            label: label.into(),
            hash: included.hash.clone(),
            height: included.height,
            code: included.code,
            gas_used: included.gas_used,
            gas_wanted: included.gas_wanted,
            tx_bytes: included.tx_bytes,
            signer,
            predicted,
        });
        Ok(())
    }

    fn step(&mut self, n: usize, step: &run::Step) -> Result<(), String> {
        if step.wait_seconds > 0 {
            self.wait(step.wait_seconds)?;
        }
        for b in &step.balances {
            let got = self.node.balance(&b.address, &b.denom)?;
            if got.to_string() != b.before {
                return Err(format!(
                    "before: {} ({}) holds {got}{}, the embedded chain {}{}",
                    b.who, b.address, b.denom, b.before, b.denom
                ));
            }
        }
        let unchanged_before = step
            .unchanged
            .iter()
            .map(|q| self.node.smart(&q.contract, &q.msg))
            .collect::<Result<Vec<_>, _>>()?;
        let (args, gas) = self.command(step)?;
        let sent = self.node.send(&step.sender, &args, gas);
        match (&step.expect, sent) {
            (Expect::Refused { error }, Err(NotSent::Refused(text))) => {
                if !says(&text, error) {
                    return Err(format!(
                        "refused, but not with the contract's text {error:?}: {text}"
                    ));
                }
                println!("  {n:>3} {:<66} refused, as expected", step.what);
                self.out.refused.push((step.what.clone(), text));
            }
            (Expect::Refused { error }, Ok(hash)) => {
                return Err(format!(
                    "the node took tx {hash}; the embedded chain refused it: {error}"
                ))
            }
            (_, Err(e)) => return Err(e.to_string()),
            (expect, Ok(hash)) => {
                let included = self.node.included(&hash, Duration::from_secs(60))?;
                match (expect, included.code) {
                    (Expect::Ok, 0) => {}
                    (Expect::OutOfGas, 11) if included.codespace == "sdk" => {}
                    (expect, code) => {
                        return Err(format!(
                            "tx {hash}: code {code} ({}), expected {expect:?}",
                            included.log
                        ))
                    }
                }
                self.after_included(step, &included)?;
                self.measure(&step.what, &step.label, &included, step.gas)?;
                println!(
                    "  {n:>3} {:<66} {:>9} gas_used, block {}",
                    step.what, included.gas_used, included.height
                );
            }
        }
        let unchanged_after = step
            .unchanged
            .iter()
            .map(|q| self.node.smart(&q.contract, &q.msg))
            .collect::<Result<Vec<_>, _>>()?;
        if unchanged_after != unchanged_before {
            return Err(format!(
                "the step changed what it must not: {unchanged_before:?} became {unchanged_after:?}"
            ));
        }
        for b in &step.balances {
            let got = self.node.balance(&b.address, &b.denom)?;
            if got.to_string() != b.after {
                return Err(format!(
                    "after: {} ({}) holds {got}{}, the embedded chain {}{}",
                    b.who, b.address, b.denom, b.after, b.denom
                ));
            }
        }
        for check in &step.checks {
            let answer = self.node.smart(&check.query.contract, &check.query.msg)?;
            if !run::matches(&answer, &check.expect) {
                return Err(format!(
                    "{} answers {answer}, the embedded chain had {}",
                    check.query.msg, check.expect
                ));
            }
        }
        Ok(())
    }

    fn command(&self, step: &run::Step) -> Result<(Vec<String>, Gas), String> {
        let gas = match step.gas_limit {
            Some(limit) => {
                let signer = self.node.account(self.address(&step.sender)?)?;
                let msg_len = match &step.action {
                    Action::Execute { msg, .. } => msg.len(),
                    _ => 0,
                };
                Gas::Fixed(limit + ante::gas(msg_len + TX_ENVELOPE_BYTES, &signer))
            }
            None => Gas::Auto,
        };
        let args = match &step.action {
            Action::Execute {
                contract,
                msg,
                funds,
            } => {
                let mut args = vec![
                    "wasm".into(),
                    "execute".into(),
                    contract.clone(),
                    msg.clone(),
                ];
                if !funds.is_empty() {
                    let coins: Vec<String> = funds.iter().map(ToString::to_string).collect();
                    args.extend(["--amount".into(), coins.join(",")]);
                }
                args
            }
            Action::Store { file, .. } => vec!["wasm".into(), "store".into(), file.clone()],
            Action::Instantiate2 {
                artifact,
                msg,
                salt,
                label,
                admin,
                ..
            } => {
                let code_id = self
                    .code_ids
                    .get(artifact)
                    .ok_or_else(|| format!("{artifact} was not stored before"))?;
                let mut args = vec![
                    "wasm".into(),
                    "instantiate2".into(),
                    code_id.clone(),
                    msg.clone(),
                    salt.clone(),
                    "--ascii".into(),
                    "--label".into(),
                    label.clone(),
                ];
                match admin {
                    Some(admin) => args.extend(["--admin".into(), admin.clone()]),
                    None => args.push("--no-admin".into()),
                }
                args
            }
        };
        Ok((args, gas))
    }

    fn after_included(&mut self, step: &run::Step, included: &Included) -> Result<(), String> {
        match &step.action {
            Action::Store { artifact, .. } => {
                let code_id = included
                    .attribute("store_code", "code_id")
                    .ok_or("no store_code.code_id")?;
                self.code_ids.insert(artifact.clone(), code_id.to_string());
            }
            Action::Instantiate2 { address, .. } => {
                let got = included
                    .attribute("instantiate", "_contract_address")
                    .ok_or("no instantiate._contract_address")?;
                if got != address {
                    return Err(format!(
                        "instantiated at {got}, the embedded chain at {address}"
                    ));
                }
            }
            Action::Execute { .. } => {}
        }
        Ok(())
    }

    /// The deployment's transactions, as `scripts/deploy.sh --record` lists them
    /// (`contract<TAB>store|instantiate2<TAB>hash`).
    fn deployment(&mut self, tsv: &str) -> Result<(), String> {
        let text = std::fs::read_to_string(tsv).map_err(|e| format!("{tsv}: {e}"))?;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let fields: Vec<&str> = line.split('\t').collect();
            let [contract, kind, hash] = fields[..] else {
                return Err(format!("{tsv}: bad line {line:?}"));
            };
            let planned = self
                .run
                .deploy
                .iter()
                .find(|d| d.contract == contract)
                .ok_or_else(|| format!("{tsv}: {contract} is not in the run's deployment"))?;
            let predicted = match kind {
                "store" => GasUsed {
                    keeper: planned.store,
                    ..GasUsed::default()
                },
                "instantiate2" => planned.instantiate,
                other => return Err(format!("{tsv}: unknown kind {other}")),
            };
            let included = self.node.included(hash, Duration::from_secs(10))?;
            if included.code != 0 {
                return Err(format!("{tsv}: tx {hash} failed: {}", included.log));
            }
            self.measure(
                &format!("deploy: {kind} {contract}"),
                kind,
                &included,
                Some(predicted),
            )?;
        }
        Ok(())
    }
}

fn node_of(flags: &BTreeMap<String, String>, chain_id: &str) -> Result<Node, String> {
    Ok(Node {
        cli: required(flags, "cli")?.into(),
        home: required(flags, "home")?.into(),
        keyring_backend: flags
            .get("keyring-backend")
            .cloned()
            .unwrap_or_else(|| "test".into()),
        chain_id: chain_id.into(),
        rpc: required(flags, "node")?.trim_end_matches('/').into(),
        api: required(flags, "api")?.trim_end_matches('/').into(),
    })
}

fn replay(args: &[String]) -> Result<(), String> {
    let (flags, positional) = options(args)?;
    let [path] = &positional[..] else {
        return Err(USAGE.into());
    };
    let run: Run = read_json(path)?;
    let chain_id = required(&flags, "chain-id")?;
    if run.chain_id != chain_id {
        return Err(format!(
            "{path} was made for chain {}, not {chain_id}: its signatures would not verify",
            run.chain_id
        ));
    }
    let out_path = required(&flags, "out")?;
    let mut replayer = Replayer {
        node: node_of(&flags, chain_id)?,
        run: &run,
        last_time: None,
        code_ids: BTreeMap::new(),
        out: Replayed {
            run: run.name.clone(),
            chain_id: chain_id.into(),
            measured: vec![],
            refused: vec![],
        },
    };
    if let Some(tsv) = flags.get("deploy-txs") {
        replayer.deployment(tsv)?;
    }
    println!("replaying the {} run: {} steps", run.name, run.steps.len());
    for (i, step) in run.steps.iter().enumerate() {
        replayer
            .step(i + 1, step)
            .map_err(|e| format!("{} run, step {} ({}): {e}", run.name, i + 1, step.what))?;
    }
    let text = serde_json::to_string_pretty(&replayer.out).map_err(|e| e.to_string())?;
    std::fs::write(out_path, text + "\n").map_err(|e| format!("{out_path}: {e}"))?;
    println!(
        "{} run replayed on the node: {} transactions measured, {} refusals as expected -> {out_path}",
        run.name,
        replayer.out.measured.len(),
        replayer.out.refused.len()
    );
    Ok(())
}

fn thousands(n: u64) -> String {
    berty_chain::bench::report::thousands(n)
}

fn calibrate(args: &[String]) -> Result<(), String> {
    let (flags, positional) = options(args)?;
    if positional.is_empty() {
        return Err(USAGE.into());
    }
    let tolerance: f64 = flags
        .get("tolerance")
        .map(|t| t.parse().map_err(|_| format!("--tolerance {t}")))
        .transpose()?
        .unwrap_or(1.0);
    let mut all = Vec::new();
    for path in &positional {
        let replayed: Replayed = read_json(path)?;
        all.extend(replayed.measured);
    }
    let (text, failures) = compare(&all, tolerance);
    print!("{text}");
    if let Some(path) = flags.get("markdown") {
        std::fs::write(path, &text).map_err(|e| format!("{path}: {e}"))?;
    }
    if !failures.is_empty() {
        return Err(format!(
            "the embedded chain's gas drifted from the node's by more than {tolerance}%:\n  {}",
            failures.join("\n  ")
        ));
    }
    Ok(())
}

/// The table of every measured transaction (node, ante, message part, berty-chain,
/// difference), a summary with the ballot ratio, and the steps that differ by more than
/// `tolerance` percent.
fn compare(all: &[Measured], tolerance: f64) -> (String, Vec<String>) {
    let mut table = String::from(
        "| run | step | node `gas_used` | tx bytes | ante | node message part | berty-chain | difference |\n\
         | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    let mut worst: Option<(f64, String)> = None;
    let mut failures = Vec::new();
    for m in all {
        let Some(predicted) = m.predicted else {
            table.push_str(&format!(
                "| {} | {} | {} | {} | {} | (out of gas: code {}, `gas_wanted` {}) | | |\n",
                m.run,
                m.what,
                thousands(m.gas_used),
                m.tx_bytes,
                thousands(m.ante()),
                m.code,
                thousands(m.gas_wanted)
            ));
            continue;
        };
        let ours = predicted.total();
        let node = m.message();
        let diff = (node as f64 - ours as f64) / node.max(1) as f64 * 100.0;
        table.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {:+.2}% |\n",
            m.run,
            m.what,
            thousands(m.gas_used),
            m.tx_bytes,
            thousands(m.ante()),
            thousands(node),
            thousands(ours),
            diff
        ));
        if worst.as_ref().is_none_or(|(w, _)| diff.abs() > w.abs()) {
            worst = Some((diff, format!("{}: {}", m.run, m.what)));
        }
        if diff.abs() > tolerance {
            failures.push(format!(
                "{} / {}: node {node}, berty-chain {ours} ({diff:+.2}%)",
                m.run, m.what
            ));
        }
    }
    let compared = all.iter().filter(|m| m.predicted.is_some()).count();
    let mut summary = format!(
        "{compared} transactions compared; the largest difference in the message part: {}\n",
        worst.map_or("none".into(), |(d, what)| format!("{d:+.2}% ({what})"))
    );
    let first = |label: &str| all.iter().find(|m| m.label == label);
    if let (Some(ours), Some(cw3)) = (first("vote"), first("cw3 vote")) {
        summary.push_str(&format!(
            "ballot on the node: {} ({}) against cw3-flex-multisig's vote {} ({}): message part {:.2}×, whole transaction ({} vs {}) {:.2}×\n",
            thousands(ours.message()),
            ours.what,
            thousands(cw3.message()),
            cw3.what,
            ours.message() as f64 / cw3.message() as f64,
            thousands(ours.gas_used),
            thousands(cw3.gas_used),
            ours.gas_used as f64 / cw3.gas_used as f64
        ));
    }
    (format!("{table}\n{summary}"), failures)
}

fn env(args: &[String]) -> Result<(), String> {
    let [path] = args else {
        return Err(USAGE.into());
    };
    let run: Run = read_json(path)?;
    let safe = |v: &str| -> Result<String, String> {
        if v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') && !v.is_empty() {
            Ok(v.to_string())
        } else {
            Err(format!("{path}: unexpected characters in {v:?}"))
        }
    };
    if let Some(id) = &run.released {
        println!("RELEASE_ID={}", safe(id)?);
    }
    for (name, addr) in &run.contracts {
        let var = name.to_ascii_uppercase().replace('-', "_");
        println!("CONTRACT_{var}={}", safe(addr)?);
        if name == "release" {
            println!("RELEASE_CONTRACT={}", safe(addr)?);
        }
    }
    Ok(())
}

fn trail_head(args: &[String]) -> Result<(), String> {
    let (flags, _) = options(args)?;
    let query = serde_json::json!({"trail_head": {"release_id": required(&flags, "release-id")?}});
    let cli = required(&flags, "cli")?;
    let out = Command::new(cli)
        .args([
            "query",
            "wasm",
            "contract-state",
            "smart",
            required(&flags, "release")?,
            &query.to_string(),
            "--node",
            required(&flags, "node")?,
            "-o",
            "json",
        ])
        .output()
        .map_err(|e| format!("{cli}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "trail_head query failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let answer: Value = serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())?;
    let head = answer["data"]["head"]
        .as_str()
        .ok_or_else(|| format!("no head in {answer}"))?;
    println!("{head}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measured(label: &str, gas_used: u64, predicted: u64) -> Measured {
        Measured {
            run: "test".into(),
            what: label.into(),
            label: label.into(),
            hash: "AB".into(),
            height: 1,
            code: 0,
            gas_used,
            gas_wanted: gas_used,
            tx_bytes: 300,
            signer: Signer {
                address_len: 43,
                account_number: 9,
                sequence: 2,
                has_pubkey: true,
            },
            predicted: Some(GasUsed {
                vm: predicted,
                ..GasUsed::default()
            }),
        }
    }

    #[test]
    fn a_drift_past_the_tolerance_fails_the_calibration() {
        let ante = ante::gas(300, &measured("x", 0, 0).signer);
        // message parts of 100,000 on the node: 0.5 % off passes, 2 % off fails
        let close = measured("vote", ante + 100_000, 99_500);
        let far = measured("cw3 vote", ante + 100_000, 98_000);
        let (_, failures) = compare(std::slice::from_ref(&close), 1.0);
        assert!(failures.is_empty(), "{failures:?}");
        let (text, failures) = compare(&[close, far], 1.0);
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert!(failures[0].contains("+2.00%"), "{failures:?}");
        assert!(text.contains("| test | vote | "), "{text}");
        assert!(text.contains("ballot on the node"), "{text}");
    }

    #[test]
    fn a_refusal_matches_with_times_as_any_digits() {
        let embedded = "the slash of challenge 1 is not final before 1767225625.000000000";
        let node = "rpc error: ... message index: 0: the slash of challenge 1 is not final before 1796246800.123456789: execute wasm contract failed";
        assert!(says(node, embedded));
        assert!(!says(node, "the slash of challenge 2 is not final"));
        assert!(says("abc Unauthorized def", "Unauthorized"));
        assert!(says(
            r#"err="rpc error: 0: invalid type: string \"1\", expected u64""#,
            r#"invalid type: string "1", expected u64"#
        ));
        assert!(!says("abc", "Unauthorized"));
    }
}
