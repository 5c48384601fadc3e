//! The ballots log as a verifier reads it: the answer's bytes chain from `hash_0`, and the
//! answers speak SPEC's JSON.

use berty_hashlog::hash::{from_hex, to_hex};
use berty_hashlog::{chain_hash, genesis_hash, sha256};
use berty_interface::council_vote::{QueryMsg, Rules, Vote};
use berty_testing::council::{release_id, CouncilSuite};
use cosmwasm_std::{to_json_vec, ContractResult, QueryRequest, SystemResult, WasmQuery};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{json, Value};

/// The contract's answer bytes to `msg`.
fn answer_bytes(suite: &CouncilSuite, msg: &QueryMsg) -> Vec<u8> {
    let request: QueryRequest = WasmQuery::Smart {
        contract_addr: suite.council.to_string(),
        msg: cosmwasm_std::to_json_binary(msg).unwrap(),
    }
    .into();
    match suite.app.wrap().raw_query(&to_json_vec(&request).unwrap()) {
        SystemResult::Ok(ContractResult::Ok(bytes)) => bytes.to_vec(),
        other => panic!("query failed: {other:?}"),
    }
}

#[derive(Deserialize)]
struct Entry<'a> {
    #[serde(borrow)]
    event: &'a RawValue,
    hash: String,
}

#[derive(Deserialize)]
struct Page<'a> {
    #[serde(borrow)]
    events: Vec<Entry<'a>>,
}

#[test]
fn the_ballots_log_chains_from_the_answer_bytes() {
    let mut suite = CouncilSuite::builder()
        .rules(Rules {
            allow_revoting: true,
            ..Rules::default()
        })
        .build();
    let id = suite.open_release_vote(&release_id("v1")).unwrap();
    let (a0, t0) = (suite.activist(0), suite.technologist(0));
    suite
        .vote_with(&a0, id, Vote::No, Some("not yet"), None)
        .unwrap();
    suite.next_block();
    suite.vote(&t0, id, Vote::Yes).unwrap();
    suite
        .vote_with(&a0, id, Vote::Yes, Some("now yes"), None)
        .unwrap();

    let bytes = answer_bytes(
        &suite,
        &QueryMsg::BallotLog {
            proposal_id: id,
            start_after: None,
            limit: None,
        },
    );
    let page: Page = serde_json::from_slice(&bytes).unwrap();
    let chain_id = suite.app.block_info().chain_id;
    let mut hash = genesis_hash(
        "ballots",
        &chain_id,
        suite.council.as_str(),
        &id.to_string(),
    );
    for entry in &page.events {
        hash = chain_hash(&hash, entry.event.get().as_bytes());
        assert_eq!(entry.hash, to_hex(&hash));
    }
    let head = suite.ballot_log_head(id);
    assert_eq!((head.length, from_hex(&head.head)), (3, Some(hash)));

    // the event as SPEC writes it, fields in order
    let first: Value = serde_json::from_str(page.events[0].event.get()).unwrap();
    let keys: Vec<&str> = page.events[0]
        .event
        .get()
        .split("\":")
        .filter_map(|part| part.rsplit('"').next())
        .take(8)
        .collect();
    assert_eq!(
        keys,
        ["seq", "height", "time", "contract", "actor", "pubkey", "kind", "data"]
    );
    assert_eq!(
        first["data"],
        json!({
            "voter": a0.to_string(),
            "college": "activists",
            "vote": "no",
            "rationale_digest": to_hex(&sha256(b"not yet")),
            "signature": null,
        })
    );
    assert_eq!(first["kind"], "ballot");
    assert_eq!(first["pubkey"], Value::Null);

    // an empty log's head is hash_0
    let empty = suite.open_release_vote(&release_id("v2")).unwrap();
    let head = suite.ballot_log_head(empty);
    let hash_0 = genesis_hash(
        "ballots",
        &chain_id,
        suite.council.as_str(),
        &empty.to_string(),
    );
    assert_eq!((head.length, head.head), (0, to_hex(&hash_0)));
}

#[test]
fn the_proposal_answer_speaks_spec_json() {
    let mut suite = CouncilSuite::new();
    let id = suite.open_release_vote(&release_id("v1")).unwrap();
    let a0 = suite.activist(0);
    suite.vote(&a0, id, Vote::Yes).unwrap();
    suite.advance(Rules::default().voting_period);
    let answer: Value = serde_json::from_slice(&answer_bytes(
        &suite,
        &QueryMsg::Proposal { proposal_id: id },
    ))
    .unwrap();
    assert_eq!(answer["id"], json!(id));
    assert_eq!(answer["kind"], "release");
    assert_eq!(answer["status"], "rejected");
    assert_eq!(
        answer["rejection"],
        json!({"reason": "turnout_not_met", "college": "activists"})
    );
    assert_eq!(
        answer["tally"]["activists"],
        json!({"yes": 1, "no": 0, "abstain": 0, "eligible": 3})
    );
    assert_eq!(
        answer["rules"]["activists"]["quorum"],
        "0.666666666666666666"
    );
    assert_eq!(answer["rules"]["voting_period"], json!(604800));
    assert!(answer["deadline"].is_string(), "{answer}");
    assert_eq!(answer["ballots_log"]["length"], json!(1));
    assert_eq!(answer["closed"], json!(false));
    let list: Value = serde_json::from_slice(&answer_bytes(
        &suite,
        &QueryMsg::Proposals {
            status: None,
            start_after: None,
            limit: None,
        },
    ))
    .unwrap();
    assert_eq!(list["proposals"][0]["id"], json!(id));
    let ballots: Value = serde_json::from_slice(&answer_bytes(
        &suite,
        &QueryMsg::Ballots {
            proposal_id: id,
            start_after: None,
            limit: None,
        },
    ))
    .unwrap();
    assert_eq!(ballots["ballots"][0]["vote"], "yes");
    assert_eq!(ballots["ballots"][0]["college"], "activists");
}
