//! Exporting the bundle of one release through smart queries: the release contract's config
//! names its peers, then every log is read page by page. [`Bundle::export`] works over any
//! querier (the embedded chain's, a test's); [`CliQuerier`] asks a node through its CLI
//! (`berty-trail export`, which `scripts/export-bundle.sh` runs).

use std::cell::RefCell;
use std::path::PathBuf;
use std::process::Command;

use berty_hashlog::{LogEntry, LogEventsResponse};
use berty_interface::{audit_registry, council_vote, membership, release};
use cosmwasm_std::{
    Addr, Binary, ContractResult, Empty, Querier, QuerierResult, QuerierWrapper, QueryRequest,
    StdError, StdResult, SystemError, SystemResult, WasmQuery,
};
use serde::de::DeserializeOwned;

use crate::bundle::{Bundle, Contracts, VoteBundle};

/// Page size of every list query (the contracts' maximum).
pub const PAGE: u32 = 100;

/// Reads pages until an empty one: `page(start_after)` answers the entries after it.
fn read_log<K, D>(
    mut page: impl FnMut(Option<u64>) -> StdResult<LogEventsResponse<K, D>>,
) -> StdResult<Vec<LogEntry<K, D>>> {
    let mut all: Vec<LogEntry<K, D>> = Vec::new();
    loop {
        let last = all.last().map(|e| e.event.seq);
        let events = page(last)?.events;
        let Some(first) = events.first() else {
            return Ok(all);
        };
        // A page that does not move on would be asked for again and again.
        if last.is_some_and(|last| first.event.seq <= last) {
            return Err(StdError::msg(format!(
                "a log page after seq {} starts at seq {}: the node does not page by seq",
                last.unwrap_or_default(),
                first.event.seq
            )));
        }
        all.extend(events);
    }
}

fn smart<T: DeserializeOwned>(
    querier: &QuerierWrapper,
    contract: &Addr,
    msg: &impl serde::Serialize,
) -> StdResult<T> {
    querier.query_wasm_smart(contract, msg)
}

impl Bundle {
    /// The bundle of `release_id` from the release contract at `release` and its peers,
    /// as they answer now: every log complete, one vote per `vote_opened`.
    pub fn export(
        querier: &QuerierWrapper,
        chain_id: &str,
        release: &Addr,
        release_id: &str,
    ) -> StdResult<Bundle> {
        let config: release::ConfigResponse =
            smart(querier, release, &release::QueryMsg::Config {})?;
        let contracts = Contracts {
            membership: config.membership,
            audit_registry: config.audit_registry,
            council_vote: config.council_vote,
            release: release.clone(),
        };
        let answer: release::ReleaseResponse = smart(
            querier,
            release,
            &release::QueryMsg::Release {
                release_id: release_id.to_string(),
            },
        )?;
        let release_log = read_log(|start_after| {
            smart(
                querier,
                release,
                &release::QueryMsg::Trail {
                    release_id: release_id.to_string(),
                    start_after,
                    limit: Some(PAGE),
                },
            )
        })?;
        let reports_log = read_log(|start_after| {
            smart(
                querier,
                &contracts.audit_registry,
                &audit_registry::QueryMsg::ReportLog {
                    release_id: release_id.to_string(),
                    start_after,
                    limit: Some(PAGE),
                },
            )
        })?;
        let votes = release_log
            .iter()
            .filter_map(|entry| match entry.event.data {
                release::ReleaseEventData::VoteOpened { proposal_id, .. } => Some(proposal_id),
                _ => None,
            })
            .map(|proposal_id| export_vote(querier, &contracts.council_vote, proposal_id))
            .collect::<StdResult<_>>()?;
        let members_log = read_log(|start_after| {
            smart(
                querier,
                &contracts.membership,
                &membership::QueryMsg::MemberLog {
                    start_after,
                    limit: Some(PAGE),
                },
            )
        })?;
        Ok(Bundle::from_parts(
            chain_id,
            contracts,
            answer,
            release_log,
            reports_log,
            votes,
            members_log,
        ))
    }
}

fn export_vote(
    querier: &QuerierWrapper,
    council_vote: &Addr,
    proposal_id: u64,
) -> StdResult<VoteBundle> {
    let proposal = smart(
        querier,
        council_vote,
        &council_vote::QueryMsg::Proposal { proposal_id },
    )?;
    let mut ballots: Vec<council_vote::BallotResponse> = Vec::new();
    loop {
        let page: council_vote::BallotsResponse = smart(
            querier,
            council_vote,
            &council_vote::QueryMsg::Ballots {
                proposal_id,
                start_after: ballots.last().map(|b| b.voter.to_string()),
                limit: Some(PAGE),
            },
        )?;
        let Some(first) = page.ballots.first() else {
            break;
        };
        if let Some(last) = ballots.last() {
            if first.voter.as_str() <= last.voter.as_str() {
                return Err(StdError::msg(format!(
                    "a ballots page after voter {} starts at voter {}: the node does not page by voter",
                    last.voter, first.voter
                )));
            }
        }
        ballots.extend(page.ballots);
    }
    let ballots_log = read_log(|start_after| {
        smart(
            querier,
            council_vote,
            &council_vote::QueryMsg::BallotLog {
                proposal_id,
                start_after,
                limit: Some(PAGE),
            },
        )
    })?;
    Ok(VoteBundle {
        proposal,
        ballots,
        ballots_log,
    })
}

/// Smart queries through a wasmd-compatible CLI:
/// `CLI query wasm contract-state smart ADDR JSON --node URL -o json`, whose `data` is the
/// contract's answer. Only smart queries: the export needs nothing else.
pub struct CliQuerier {
    pub cli: PathBuf,
    pub node: String,
    /// Print each command on stderr before running it.
    pub verbose: bool,
    /// The first failure, in words (a `QuerierWrapper` would only say "system error").
    failure: RefCell<Option<String>>,
}

impl CliQuerier {
    pub fn new(cli: impl Into<PathBuf>, node: &str, verbose: bool) -> Self {
        CliQuerier {
            cli: cli.into(),
            node: node.to_string(),
            verbose,
            failure: RefCell::new(None),
        }
    }

    /// What went wrong first, if a query failed.
    pub fn failure(&self) -> Option<String> {
        self.failure.borrow().clone()
    }

    fn fail(&self, text: String) -> QuerierResult {
        self.failure.borrow_mut().get_or_insert(text.clone());
        SystemResult::Err(SystemError::InvalidRequest {
            error: text,
            request: Binary::default(),
        })
    }

    /// The command line of a query, as a shell would read it back.
    pub fn show(&self, contract: &str, msg: &str) -> String {
        let words = [
            self.cli.display().to_string(),
            "query".into(),
            "wasm".into(),
            "contract-state".into(),
            "smart".into(),
            contract.into(),
            msg.into(),
            "--node".into(),
            self.node.clone(),
            "-o".into(),
            "json".into(),
        ];
        words
            .iter()
            .map(|w| shell_word(w))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A word with characters a shell treats specially, in single quotes.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_./:=,@+-".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

impl Querier for CliQuerier {
    fn raw_query(&self, request: &[u8]) -> QuerierResult {
        let (contract, msg) = match cosmwasm_std::from_json::<QueryRequest<Empty>>(request) {
            Ok(QueryRequest::Wasm(WasmQuery::Smart { contract_addr, msg })) => (
                contract_addr,
                String::from_utf8_lossy(msg.as_slice()).into_owned(),
            ),
            Ok(other) => return self.fail(format!("not a smart query: {other:?}")),
            Err(e) => return self.fail(e.to_string()),
        };
        let shown = self.show(&contract, &msg);
        if self.verbose {
            eprintln!("{shown}");
        }
        let out = Command::new(&self.cli)
            .args(["query", "wasm", "contract-state", "smart", &contract, &msg])
            .args(["--node", &self.node, "-o", "json"])
            .output();
        let out = match out {
            Ok(out) if out.status.success() => out,
            Ok(out) => {
                return self.fail(format!(
                    "{shown} failed: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                ))
            }
            Err(e) => return self.fail(format!("{shown} failed: {e}")),
        };
        // The answer's bytes as the node sent them (key order kept).
        #[derive(serde::Deserialize)]
        struct Answer {
            data: Option<Box<serde_json::value::RawValue>>,
        }
        let answer: Answer = match serde_json::from_slice(&out.stdout) {
            Ok(answer) => answer,
            Err(e) => return self.fail(format!("{shown}: not JSON ({e})")),
        };
        match answer.data {
            Some(data) => SystemResult::Ok(ContractResult::Ok(Binary::from(
                data.get().as_bytes().to_vec(),
            ))),
            None => {
                let text = String::from_utf8_lossy(&out.stdout);
                self.fail(format!(
                    "{shown}: no data in {}",
                    text.chars().take(200).collect::<String>()
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_shown_as_a_shell_reads_them() {
        let q = CliQuerier::new("wasmd", "http://localhost:26657", false);
        assert_eq!(
            q.show("wasm1release", r#"{"config":{}}"#),
            "wasmd query wasm contract-state smart wasm1release '{\"config\":{}}' --node http://localhost:26657 -o json"
        );
        assert_eq!(shell_word("it's"), "'it'\\''s'");
    }
}
