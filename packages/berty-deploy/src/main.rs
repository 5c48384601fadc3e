//! `berty-deploy`, for scripts/deploy.sh:
//!
//! - `plan --config FILE --creator ADDR --checksums FILE [--format json|tsv]`: the
//!   deployment plan (instantiate2 addresses and instantiate messages); `tsv` prints one
//!   contract a line, `name artifact salt address label admin msg` separated by tabs, the
//!   message as compact JSON, for a shell to read field by field.
//! - `tx-result [--attribute TYPE.KEY]`: reads a wasmd CLI transaction answer (the
//!   broadcast answer or `query wait-tx`'s) on stdin; exits 1 with its log when its `code` is
//!   not 0; else prints the attribute (`store_code.code_id`, `instantiate._contract_address`)
//!   or, without one, the transaction hash, and writes `tx HASH in block H, gas USED of
//!   WANTED` on stderr when it was included.
//! - `where`: the path of this program, so that a script runs it without cargo.

use std::io::Read;
use std::process::ExitCode;

use serde_json::Value;

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("berty-deploy: {err}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage:
  berty-deploy plan --config FILE --creator ADDR --checksums FILE [--format json|tsv]
  berty-deploy tx-result [--attribute TYPE.KEY] < TX.json
  berty-deploy where";

fn run(args: Vec<String>) -> Result<String, String> {
    let (command, rest) = args.split_first().ok_or(USAGE)?;
    let flags = flags(rest)?;
    match command.as_str() {
        "plan" => plan(&flags),
        "tx-result" => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| e.to_string())?;
            tx_result(&text, flags.get("attribute").map(String::as_str))
        }
        "where" => std::env::current_exe()
            .map(|p| p.display().to_string())
            .map_err(|e| e.to_string()),
        _ => Err(USAGE.into()),
    }
}

fn flags(args: &[String]) -> Result<std::collections::BTreeMap<String, String>, String> {
    let mut flags = std::collections::BTreeMap::new();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let name = flag.strip_prefix("--").ok_or(USAGE)?;
        let value = it.next().ok_or(USAGE)?.clone();
        flags.insert(name.to_string(), value);
    }
    Ok(flags)
}

fn plan(flags: &std::collections::BTreeMap<String, String>) -> Result<String, String> {
    let get = |name: &str| flags.get(name).cloned().ok_or_else(|| USAGE.to_string());
    let (config, creator, checksums) = (get("config")?, get("creator")?, get("checksums")?);
    let read = |path: &str| std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"));
    let config: berty_deploy::Config =
        serde_json::from_str(&read(&config)?).map_err(|e| format!("{config}: {e}"))?;
    let sums = read(&checksums)?;
    let plan = berty_deploy::plan(&config, &creator, berty_deploy::parse_checksums(&sums))
        .map_err(|e| e.to_string())?;
    match flags.get("format").map(String::as_str).unwrap_or("json") {
        "json" => serde_json::to_string_pretty(&plan).map_err(|e| e.to_string()),
        "tsv" => Ok(berty_deploy::plan_tsv(&plan)),
        other => Err(format!("unknown --format {other}\n{USAGE}")),
    }
}

fn tx_result(text: &str, attribute: Option<&str>) -> Result<String, String> {
    let tx: Value = serde_json::from_str(text.trim())
        .map_err(|e| format!("not a transaction answer ({e}): {}", text.trim()))?;
    let hash = tx["txhash"].as_str().unwrap_or_default();
    let code = tx["code"].as_u64().unwrap_or(0);
    if code != 0 {
        return Err(format!(
            "tx {hash} failed (code {code}): {}",
            tx["raw_log"].as_str().unwrap_or_default()
        ));
    }
    if let Some(height) = tx["height"].as_str().filter(|h| *h != "0") {
        eprintln!(
            "tx {hash} in block {height}, gas {} of {}",
            tx["gas_used"].as_str().unwrap_or("?"),
            tx["gas_wanted"].as_str().unwrap_or("?")
        );
    }
    let Some(attribute) = attribute else {
        return if hash.is_empty() {
            Err("no txhash in the answer".into())
        } else {
            Ok(hash.to_string())
        };
    };
    let (ty, key) = attribute
        .split_once('.')
        .ok_or_else(|| format!("--attribute {attribute}: TYPE.KEY"))?;
    tx["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["type"] == ty)
        .flat_map(|e| e["attributes"].as_array().into_iter().flatten())
        .find(|a| a["key"] == key)
        .and_then(|a| a["value"].as_str())
        .map(str::to_owned)
        .ok_or_else(|| format!("no {ty}.{key} in tx {hash}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transaction_answer_gives_its_hash_or_an_attribute() {
        let ok = r#"{"height":"52","txhash":"AB12","code":0,"raw_log":"","gas_used":"10","gas_wanted":"20",
            "events":[{"type":"store_code","attributes":[{"key":"code_checksum","value":"ff"},{"key":"code_id","value":"3"}]}]}"#;
        assert_eq!(tx_result(ok, None).unwrap(), "AB12");
        assert_eq!(tx_result(ok, Some("store_code.code_id")).unwrap(), "3");
        let err = tx_result(ok, Some("instantiate._contract_address")).unwrap_err();
        assert!(err.contains("no instantiate._contract_address"), "{err}");
        let failed = r#"{"txhash":"CD34","code":5,"raw_log":"Unauthorized"}"#;
        assert_eq!(
            tx_result(failed, None).unwrap_err(),
            "tx CD34 failed (code 5): Unauthorized"
        );
        assert!(tx_result("not json", None).is_err());
    }
}
