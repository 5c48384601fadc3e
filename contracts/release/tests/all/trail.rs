//! The release log: every step of a candidate's life, hash-chained as SPEC section 6 says.

use berty_hashlog::hash::{from_hex, to_hex};
use berty_hashlog::{chain_hash, genesis_hash};
use berty_interface::release::ReleaseEventKind;
use cosmwasm_std::to_json_vec;

use crate::suite::{digest, Suite};

#[test]
fn the_trail_chains_every_step_from_its_genesis_hash() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    let (id, _) = suite.approved(1);
    suite.next_block();
    suite.finalize(&carol, &id).unwrap();
    suite.next_block();
    suite
        .execute(&carol, &Suite::attest_msg(&id, "f-droid", &digest('a')))
        .unwrap();

    // page through two at a time
    let mut events = vec![];
    loop {
        let last = events
            .last()
            .map(|page: &berty_interface::release::TrailResponse| {
                page.events[page.events.len() - 1].event.seq
            });
        let page = suite.trail(&id, last, Some(2));
        if page.events.is_empty() {
            break;
        }
        events.push(page);
    }
    let events: Vec<_> = events.into_iter().flat_map(|p| p.events).collect();
    use ReleaseEventKind::*;
    assert_eq!(
        events.iter().map(|e| e.event.kind).collect::<Vec<_>>(),
        vec![Proposed, VoteOpened, Decision, Finalized, Published]
    );
    let chain_id = suite.app.block_info().chain_id;
    let mut hash = genesis_hash("release", &chain_id, suite.release.as_str(), &id);
    for (seq, entry) in events.iter().enumerate() {
        assert_eq!(entry.event.seq, seq as u64);
        assert_eq!(entry.event.contract, suite.release);
        let json = to_json_vec(&entry.event).unwrap();
        let text = String::from_utf8(json.clone()).unwrap();
        assert!(
            text.starts_with(&format!("{{\"seq\":{seq},\"height\":")),
            "{text}"
        );
        hash = chain_hash(&hash, &json);
        assert_eq!(entry.hash, to_hex(&hash));
    }
    let head = suite.trail_head(&id);
    assert_eq!(head.length, 5);
    assert_eq!(from_hex(&head.head), Some(hash));

    // a candidate's log starts at its own genesis
    let other = suite.released(2);
    assert_ne!(suite.trail_head(&other).head, head.head);
}

#[test]
fn the_event_json_is_what_the_chain_hashed() {
    // the answer's bytes, decoded into the typed event and re-encoded, hash the same:
    // a verifier that keeps field order reproduces the chain
    let mut suite = Suite::new();
    let id = suite.released(1);
    let raw: serde_json::Value = suite
        .app
        .wrap()
        .query_wasm_smart(
            &suite.release,
            &berty_interface::release::QueryMsg::Trail {
                release_id: id.clone(),
                start_after: None,
                limit: None,
            },
        )
        .unwrap();
    let finalized = &raw["events"][3]["event"];
    assert_eq!(finalized["kind"], "finalized");
    let keys: Vec<&str> = finalized
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    // serde_json's map is ordered by key unless preserve_order: check the field set
    let mut expected = vec![
        "seq", "height", "time", "contract", "actor", "pubkey", "kind", "data",
    ];
    expected.sort();
    let mut keys = keys;
    keys.sort();
    assert_eq!(keys, expected);
    let data = finalized["data"].as_object().unwrap();
    for field in [
        "proposal_id",
        "artifacts",
        "build",
        "reports_log",
        "members_log",
    ] {
        assert!(data.contains_key(field), "{field}");
    }
    assert!(finalized["time"].is_string() && finalized["seq"].is_u64());
}

/// Issue 11, case 11 (SPEC 5): every execute that appends to the release log names the log
/// and the seq it appended, so an indexer fetches exactly the new entries.
#[test]
fn every_appended_event_is_named_by_log_and_seq() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    let (id, _) = suite.approved(1);
    suite.next_block();
    let res = suite.finalize(&carol, &id).unwrap();
    let named = |res: &cw_multi_test::AppResponse| {
        (
            crate::suite::attr(res, "log"),
            crate::suite::attr(res, "seq"),
        )
    };
    // proposed 0, vote_opened 1, decision 2, finalized 3
    assert_eq!(named(&res), (Some("release".into()), Some("3".into())));
    let res = suite
        .execute(&carol, &Suite::attest_msg(&id, "f-droid", &digest('a')))
        .unwrap();
    assert_eq!(named(&res), (Some("release".into()), Some("4".into())));
    let last = suite.trail(&id, Some(3), None).events;
    assert_eq!(last.len(), 1);
    assert_eq!(last[0].event.kind, ReleaseEventKind::Published);
}

/// The `(log, seq)` pairs the release contract's own `wasm` event names (a decision comes
/// through council-vote's message, whose event is not the release contract's).
fn named_by_release(suite: &Suite, res: &cw_multi_test::AppResponse) -> Vec<(String, String)> {
    let release = suite.release.to_string();
    let mut named = vec![];
    for event in res.events.iter().filter(|e| e.ty == "wasm") {
        let from_release = event
            .attributes
            .iter()
            .any(|a| a.key == "_contract_address" && a.value == release);
        if !from_release {
            continue;
        }
        let values = |key: &str| -> Vec<String> {
            event
                .attributes
                .iter()
                .filter(|a| a.key == key)
                .map(|a| a.value.clone())
                .collect()
        };
        let (logs, seqs) = (values("log"), values("seq"));
        assert_eq!(logs.len(), seqs.len(), "{event:?}");
        named.extend(logs.into_iter().zip(seqs));
    }
    named
}

/// Issue 11, case 11 (SPEC 5), the other appending messages: `propose_release`,
/// `submit_for_vote`, `record_council_decision` (sent by council-vote) and `withdraw` each
/// name the release log and the one seq they appended, the seq of the event the trail
/// then holds there.
#[test]
fn proposing_submitting_deciding_and_withdrawing_name_log_and_seq() {
    let mut suite = Suite::new();
    let (carol, auditor) = (suite.carol.clone(), suite.addr("auditor"));
    let one = |seq: &str| vec![("release".to_string(), seq.to_string())];
    let id = crate::suite::rid(1);
    let res = suite.propose(&carol, &id).unwrap();
    assert_eq!(named_by_release(&suite, &res), one("0"));
    suite.set_gate(&id, &[&auditor], &[]);
    let res = suite.submit(&carol, &id).unwrap();
    assert_eq!(named_by_release(&suite, &res), one("1"));
    let proposal_id = suite.release(&id).proposal_id.unwrap();
    let res = suite.decide(&id, proposal_id, false).unwrap();
    assert_eq!(named_by_release(&suite, &res), one("2"));
    // a rejected candidate may be withdrawn
    let res = suite.withdraw(&carol, &id).unwrap();
    assert_eq!(named_by_release(&suite, &res), one("3"));
    let kinds: Vec<ReleaseEventKind> = suite
        .trail(&id, None, None)
        .events
        .iter()
        .map(|e| e.event.kind)
        .collect();
    assert_eq!(
        kinds,
        vec![
            ReleaseEventKind::Proposed,
            ReleaseEventKind::VoteOpened,
            ReleaseEventKind::Decision,
            ReleaseEventKind::Withdrawn,
        ]
    );
}
