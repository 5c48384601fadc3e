//! Exporting the bundle of one release through smart queries (what
//! `scripts/export-bundle.sh` does through a node's CLI): the release contract's config
//! names its peers, then every log is read page by page.

use berty_interface::{audit_registry, council_vote, membership, release};
use berty_trail::{LogEntry, LogEventsResponse};
use cosmwasm_std::{Addr, QuerierWrapper, StdError, StdResult};
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
