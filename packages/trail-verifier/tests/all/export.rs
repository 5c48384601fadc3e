//! `Bundle::export` reads every log page by page through smart queries; here the four
//! contracts are played by a mock querier answering from a known bundle.

use berty_hashlog::{LogEntry, LogEventsResponse};
use berty_interface::{audit_registry, council_vote, membership, release};
use berty_trail_verifier::{verify, Bundle};
use cosmwasm_std::testing::MockQuerier;
use cosmwasm_std::{
    from_json, to_json_binary, Binary, ContractResult, QuerierResult, QuerierWrapper, StdResult,
    SystemResult, WasmQuery,
};
use serde::Serialize;
use std::cell::Cell;
use std::rc::Rc;

use crate::fixture::{bundle, Variant};

/// At most `limit` entries after `start_after`, as the contracts page their logs; pages of
/// at most 3 here, so that the export must page on.
fn page<K: Clone, D: Clone>(
    log: &[LogEntry<K, D>],
    start_after: Option<u64>,
    limit: Option<u32>,
) -> LogEventsResponse<K, D> {
    let limit = limit.unwrap_or(10).min(3) as usize;
    LogEventsResponse {
        events: log
            .iter()
            .filter(|e| start_after.is_none_or(|after| e.event.seq > after))
            .take(limit)
            .cloned()
            .collect(),
    }
}

fn answer(bundle: &Bundle, contract: &str, msg: &Binary) -> StdResult<Binary> {
    fn bin(value: &impl Serialize) -> StdResult<Binary> {
        to_json_binary(value)
    }
    let c = &bundle.contracts;
    if contract == c.release.as_str() {
        return match from_json(msg)? {
            release::QueryMsg::Config {} => bin(&release::ConfigResponse {
                membership: c.membership.clone(),
                audit_registry: c.audit_registry.clone(),
                council_vote: c.council_vote.clone(),
                app_name: "Berty".into(),
            }),
            release::QueryMsg::Release { release_id } if release_id == bundle.release_id => {
                bin(&bundle.release)
            }
            release::QueryMsg::Trail {
                start_after, limit, ..
            } => bin(&page(&bundle.release_log, start_after, limit)),
            other => panic!("unexpected release query {other:?}"),
        };
    }
    if contract == c.audit_registry.as_str() {
        return match from_json(msg)? {
            audit_registry::QueryMsg::ReportLog {
                start_after, limit, ..
            } => bin(&page(&bundle.reports_log, start_after, limit)),
            other => panic!("unexpected registry query {other:?}"),
        };
    }
    if contract == c.council_vote.as_str() {
        let vote = |id: u64| bundle.votes.iter().find(|v| v.proposal.id == id).unwrap();
        return match from_json(msg)? {
            council_vote::QueryMsg::Proposal { proposal_id } => bin(&vote(proposal_id).proposal),
            council_vote::QueryMsg::Ballots {
                proposal_id,
                start_after,
                limit,
            } => bin(&council_vote::BallotsResponse {
                ballots: vote(proposal_id)
                    .ballots
                    .iter()
                    .filter(|b| {
                        start_after
                            .as_ref()
                            .is_none_or(|a| b.voter.as_str() > a.as_str())
                    })
                    .take(limit.unwrap_or(10).min(3) as usize)
                    .cloned()
                    .collect(),
            }),
            council_vote::QueryMsg::BallotLog {
                proposal_id,
                start_after,
                limit,
            } => bin(&page(&vote(proposal_id).ballots_log, start_after, limit)),
            other => panic!("unexpected council query {other:?}"),
        };
    }
    if contract == c.membership.as_str() {
        return match from_json(msg)? {
            membership::QueryMsg::MemberLog { start_after, limit } => {
                bin(&page(&bundle.members_log, start_after, limit))
            }
            other => panic!("unexpected membership query {other:?}"),
        };
    }
    panic!("query of an unknown contract {contract}")
}

/// `Bundle::export` through `querier` of the release `expected` is the trail of.
fn export(querier: &MockQuerier, expected: &Bundle) -> StdResult<Bundle> {
    let wrapper = QuerierWrapper::new(querier);
    let release = &expected.contracts.release;
    Bundle::export(&wrapper, &expected.chain_id, release, &expected.release_id)
}

#[test]
fn export_reads_every_log_through_pages() {
    let expected = bundle(Variant::Standard);
    let served = expected.clone();
    let queries = Rc::new(Cell::new(0));
    let counter = queries.clone();
    let mut querier: MockQuerier = MockQuerier::new(&[]);
    querier.update_wasm(move |query: &WasmQuery| -> QuerierResult {
        let WasmQuery::Smart { contract_addr, msg } = query else {
            panic!("only smart queries, got {query:?}");
        };
        counter.set(counter.get() + 1);
        SystemResult::Ok(ContractResult::from(answer(&served, contract_addr, msg)))
    });
    let exported = export(&querier, &expected).unwrap();
    assert_eq!(exported, expected);
    verify(&exported, &[]).unwrap();
    // config, release; pages of 3 and a last empty one per log; a proposal per vote
    let pages = |n: usize| n.div_ceil(3) + 1;
    let per_vote: usize = expected
        .votes
        .iter()
        .map(|v| 1 + pages(v.ballots.len()) + pages(v.ballots_log.len()))
        .sum();
    assert_eq!(
        queries.get(),
        2 + pages(expected.release_log.len())
            + pages(expected.reports_log.len())
            + per_vote
            + pages(expected.members_log.len())
    );
}

#[test]
fn export_fails_with_the_query_that_failed() {
    let expected = bundle(Variant::Standard);
    let mut querier: MockQuerier = MockQuerier::new(&[]);
    querier.update_wasm(|_: &WasmQuery| -> QuerierResult {
        SystemResult::Ok(ContractResult::Err("release not found".into()))
    });
    let error = export(&querier, &expected).unwrap_err();
    assert!(error.to_string().contains("release not found"), "{error}");
}

#[test]
fn export_stops_at_a_node_that_does_not_page_on() {
    // a node that ignores start_after would answer the first page forever
    let expected = bundle(Variant::Standard);
    let served = expected.clone();
    let mut querier: MockQuerier = MockQuerier::new(&[]);
    querier.update_wasm(move |query: &WasmQuery| -> QuerierResult {
        let WasmQuery::Smart { contract_addr, msg } = query else {
            panic!("only smart queries, got {query:?}");
        };
        let msg = match from_json(msg) {
            Ok(release::QueryMsg::Trail {
                release_id, limit, ..
            }) => to_json_binary(&release::QueryMsg::Trail {
                release_id,
                start_after: None,
                limit,
            })
            .unwrap(),
            _ => msg.clone(),
        };
        SystemResult::Ok(ContractResult::from(answer(&served, contract_addr, &msg)))
    });
    let error = export(&querier, &expected).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("a log page after seq 2 starts at seq 0: the node does not page by seq"),
        "{error}"
    );
}
