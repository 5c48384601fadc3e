//! A real node, as `berty-e2e` reaches it: transactions signed and sent by the chain's CLI
//! with a key of its keyring (as a user's wallet would), then read back over the node's
//! CometBFT RPC (the included transaction: its bytes, result, gas and events) and its REST
//! API (accounts, balances, smart queries). Plain HTTP/1.0 GETs to the loopback ports; no
//! client library.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use cosmwasm_std::Binary;
use serde_json::Value;

use crate::gas::ante::Signer;

/// Where the node is and how to sign for it.
#[derive(Clone, Debug)]
pub struct Node {
    /// The chain's CLI (`wasmd`).
    pub cli: PathBuf,
    /// The CLI's home, with the keyring.
    pub home: PathBuf,
    pub keyring_backend: String,
    pub chain_id: String,
    /// CometBFT RPC, e.g. `http://127.0.0.1:26657`.
    pub rpc: String,
    /// The REST API, e.g. `http://127.0.0.1:1317`.
    pub api: String,
}

/// A transaction as the node included it.
#[derive(Clone, Debug)]
pub struct Included {
    pub hash: String,
    pub height: u64,
    pub code: u32,
    pub codespace: String,
    pub log: String,
    pub gas_used: u64,
    pub gas_wanted: u64,
    /// Length of the signed transaction.
    pub tx_bytes: usize,
    /// `(type, [(key, value)])`, attributes in plain text.
    pub events: Vec<(String, Vec<(String, String)>)>,
}

impl Included {
    /// The first value of `key` in an event of type `ty`.
    pub fn attribute(&self, ty: &str, key: &str) -> Option<&str> {
        self.events
            .iter()
            .filter(|(t, _)| t == ty)
            .flat_map(|(_, attrs)| attrs.iter())
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The signer's address and the sequence it signed with (`tx.acc_seq`).
    pub fn signer_sequence(&self) -> Result<(String, u64), String> {
        let acc_seq = self
            .attribute("tx", "acc_seq")
            .ok_or_else(|| format!("tx {}: no acc_seq event", self.hash))?;
        let (addr, seq) = acc_seq
            .rsplit_once('/')
            .ok_or_else(|| format!("tx {}: acc_seq {acc_seq:?}", self.hash))?;
        let seq = seq
            .parse()
            .map_err(|_| format!("tx {}: acc_seq {acc_seq:?}", self.hash))?;
        Ok((addr.to_string(), seq))
    }
}

/// Why a transaction was not included.
#[derive(Debug)]
pub enum NotSent {
    /// The CLI refused: its simulation failed (a contract error), or CheckTx did. Holds the
    /// CLI's stderr, or CheckTx's log.
    Refused(String),
    /// Anything else (the CLI could not run, bad output, the node did not include it).
    Failed(String),
}

impl std::fmt::Display for NotSent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotSent::Refused(text) => write!(f, "refused: {text}"),
            NotSent::Failed(text) => write!(f, "{text}"),
        }
    }
}

/// `--gas`: simulated (`auto`, × 1.3, as scripts/deploy.sh does) or fixed.
#[derive(Clone, Copy, Debug)]
pub enum Gas {
    Auto,
    Fixed(u64),
}

impl Node {
    /// Runs the CLI; its stdout, or its stderr as the error.
    fn cli(&self, args: &[String]) -> Result<String, (Option<i32>, String)> {
        let out = Command::new(&self.cli)
            .args(args)
            .output()
            .map_err(|e| (None, format!("{}: {e}", self.cli.display())))?;
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        if !out.status.success() {
            return Err((out.status.code(), stderr));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// `CLI tx ARGS --from KEY ...`, broadcast after CheckTx (`-b sync`); the tx hash.
    pub fn send(&self, key: &str, args: &[String], gas: Gas) -> Result<String, NotSent> {
        let mut all: Vec<String> = vec!["tx".into()];
        all.extend(args.iter().cloned());
        all.extend(
            [
                "--from",
                key,
                "--chain-id",
                &self.chain_id,
                "--node",
                &self.rpc,
                "--keyring-backend",
                &self.keyring_backend,
                "--home",
                &self.home.to_string_lossy(),
                "-b",
                "sync",
                "-y",
                "-o",
                "json",
                "--log_no_color",
            ]
            .map(String::from),
        );
        match gas {
            Gas::Auto => all.extend(["--gas", "auto", "--gas-adjustment", "1.3"].map(String::from)),
            Gas::Fixed(n) => all.extend(["--gas".to_string(), n.to_string()]),
        }
        let stdout = self.cli(&all).map_err(|(code, stderr)| match code {
            // The CLI exits 1 when the simulation (or signing) fails.
            Some(_) => NotSent::Refused(stderr.trim().to_string()),
            None => NotSent::Failed(stderr),
        })?;
        let answer: Value = serde_json::from_str(stdout.trim()).map_err(|e| {
            NotSent::Failed(format!("the CLI's answer is not JSON ({e}): {stdout}"))
        })?;
        if answer["code"].as_u64().unwrap_or(0) != 0 {
            return Err(NotSent::Refused(format!(
                "CheckTx code {}: {}",
                answer["code"], answer["raw_log"]
            )));
        }
        answer["txhash"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| NotSent::Failed(format!("no txhash in {stdout}")))
    }

    /// The transaction `hash` once in a block (polls the RPC for up to `timeout`).
    pub fn included(&self, hash: &str, timeout: Duration) -> Result<Included, String> {
        let start = Instant::now();
        loop {
            let answer = get_json(&format!("{}/tx?hash=0x{hash}", self.rpc))?;
            if let Some(result) = answer.get("result") {
                return parse_included(hash, result);
            }
            if start.elapsed() > timeout {
                return Err(format!(
                    "tx {hash} not in a block after {} s: {answer}",
                    timeout.as_secs()
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The time of block `height`, in nanoseconds since 1970.
    pub fn block_time(&self, height: u64) -> Result<u128, String> {
        let answer = get_json(&format!("{}/block?height={height}", self.rpc))?;
        let time = answer["result"]["block"]["header"]["time"]
            .as_str()
            .ok_or_else(|| format!("no time in block {height}: {answer}"))?;
        parse_rfc3339(time)
    }

    /// The latest block's time, in nanoseconds since 1970.
    pub fn latest_time(&self) -> Result<u128, String> {
        let answer = get_json(&format!("{}/status", self.rpc))?;
        let time = answer["result"]["sync_info"]["latest_block_time"]
            .as_str()
            .ok_or_else(|| format!("no latest block time: {answer}"))?;
        parse_rfc3339(time)
    }

    /// An account's number, sequence and whether its key is known.
    pub fn account(&self, addr: &str) -> Result<Signer, String> {
        let answer = get_json(&format!("{}/cosmos/auth/v1beta1/accounts/{addr}", self.api))?;
        let account = &answer["account"];
        let number = |field: &str| -> Result<u64, String> {
            account[field]
                .as_str()
                .unwrap_or("0")
                .parse()
                .map_err(|_| format!("account {addr}: {field} in {answer}"))
        };
        if account.is_null() {
            return Err(format!("no account {addr}: {answer}"));
        }
        Ok(Signer {
            address_len: addr.len(),
            account_number: number("account_number")?,
            sequence: number("sequence")?,
            has_pubkey: !account["pub_key"].is_null(),
        })
    }

    pub fn balance(&self, addr: &str, denom: &str) -> Result<u128, String> {
        let answer = get_json(&format!(
            "{}/cosmos/bank/v1beta1/balances/{addr}/by_denom?denom={denom}",
            self.api
        ))?;
        answer["balance"]["amount"]
            .as_str()
            .and_then(|a| a.parse().ok())
            .ok_or_else(|| format!("balance of {addr} in {denom}: {answer}"))
    }

    /// A smart query's answer (`data`), or the node's error text.
    pub fn smart(&self, contract: &str, msg: &Value) -> Result<Value, String> {
        let encoded = Binary::from(msg.to_string().into_bytes()).to_base64();
        // base64's '+' and '/' are path-safe for the gateway once escaped.
        let encoded = encoded.replace('+', "%2B").replace('/', "%2F");
        let answer = get_json(&format!(
            "{}/cosmwasm/wasm/v1/contract/{contract}/smart/{encoded}",
            self.api
        ))?;
        match answer.get("data") {
            Some(data) => Ok(data.clone()),
            None => Err(format!("{contract} {msg}: {answer}")),
        }
    }
}

fn parse_included(hash: &str, result: &Value) -> Result<Included, String> {
    let number = |v: &Value| -> u64 {
        v.as_str()
            .and_then(|s| s.parse().ok())
            .or_else(|| v.as_u64())
            .unwrap_or(0)
    };
    let tx = result["tx"]
        .as_str()
        .ok_or_else(|| format!("tx {hash}: no tx bytes"))?;
    let tx_bytes = Binary::from_base64(tx)
        .map_err(|e| format!("tx {hash}: {e}"))?
        .len();
    let r = &result["tx_result"];
    let events = r["events"]
        .as_array()
        .map(|events| {
            events
                .iter()
                .map(|e| {
                    let attrs = e["attributes"]
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .map(|kv| {
                                    (
                                        kv["key"].as_str().unwrap_or_default().to_string(),
                                        kv["value"].as_str().unwrap_or_default().to_string(),
                                    )
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    (e["type"].as_str().unwrap_or_default().to_string(), attrs)
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Included {
        hash: hash.to_string(),
        height: number(&result["height"]),
        code: number(&r["code"]) as u32,
        codespace: r["codespace"].as_str().unwrap_or_default().to_string(),
        log: r["log"].as_str().unwrap_or_default().to_string(),
        gas_used: number(&r["gas_used"]),
        gas_wanted: number(&r["gas_wanted"]),
        tx_bytes,
        events,
    })
}

/// `GET url` (plain http, HTTP/1.0 so that the body is neither chunked nor kept alive),
/// parsed as JSON whatever the status (the node answers errors in JSON too).
pub fn get_json(url: &str) -> Result<Value, String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| format!("{url}: only http:// URLs"))?;
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let path = if path.is_empty() { "/" } else { path };
    let mut stream = TcpStream::connect(host).map_err(|e| format!("{url}: {e}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(|e| e.to_string())?;
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: {host}\r\nAccept: application/json\r\n\r\n"
    )
    .map_err(|e| format!("{url}: {e}"))?;
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .map_err(|e| format!("{url}: {e}"))?;
    let text = String::from_utf8_lossy(&response);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, body)| body)
        .ok_or_else(|| format!("{url}: no HTTP body"))?;
    serde_json::from_str(body).map_err(|e| format!("{url}: not JSON ({e}): {body}"))
}

/// `2026-12-02T21:26:33.651206819Z` in nanoseconds since 1970 (UTC only, as CometBFT
/// prints it).
pub fn parse_rfc3339(text: &str) -> Result<u128, String> {
    let bad = || format!("not an RFC 3339 UTC time: {text:?}");
    let text = text.strip_suffix('Z').ok_or_else(bad)?;
    let (date, time) = text.split_once('T').ok_or_else(bad)?;
    let d: Vec<i64> = date
        .split('-')
        .map(|p| p.parse().map_err(|_| bad()))
        .collect::<Result<_, _>>()?;
    let (hms, frac) = time.split_once('.').unwrap_or((time, "0"));
    let t: Vec<u128> = hms
        .split(':')
        .map(|p| p.parse().map_err(|_| bad()))
        .collect::<Result<_, _>>()?;
    if d.len() != 3 || t.len() != 3 || frac.len() > 9 {
        return Err(bad());
    }
    let nanos: u128 = format!("{frac:0<9}").parse().map_err(|_| bad())?;
    // Days from the civil date (Howard Hinnant's algorithm).
    let (y, m, day) = (d[0] - i64::from(d[1] <= 2), d[1], d[2]);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = u128::try_from(era * 146_097 + doe - 719_468).map_err(|_| bad())?;
    Ok(((days * 86_400 + t[0] * 3_600 + t[1] * 60 + t[2]) * 1_000_000_000) + nanos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_times_in_nanoseconds() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z").unwrap(), 0);
        assert_eq!(
            parse_rfc3339("2026-01-01T00:00:00Z").unwrap(),
            1_767_225_600 * 1_000_000_000
        );
        assert_eq!(
            parse_rfc3339("2026-12-02T21:26:33.651206819Z").unwrap(),
            1_796_246_793_651_206_819
        );
        assert!(parse_rfc3339("2026-12-02 21:26:33").is_err());
    }
}
