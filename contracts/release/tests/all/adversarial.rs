//! An adversarial review against SPEC alone: raw SPEC JSON (optional fields omitted or
//! `null`), answers read as plain JSON, authorization before anything else, stale or
//! forged decisions, failed messages leaving no trace, inputs that could panic.

use berty_hashlog::LogHead;
use berty_interface::release::FinalizeMsg;
use berty_interface::release::UpdateReleaseConfigMsg;
use berty_interface::release::{ExecuteMsg, ReleaseEventData, ReleaseStatus};
use berty_interface::Role;
use berty_release::ContractError;
use berty_testing::assert_error;
use cosmwasm_std::{coins, Addr, StdResult};
use cw_multi_test::{AppResponse, Executor};
use serde_json::{json, Value};

use crate::suite::{attr, digest, rid, tally, Suite};

fn send(suite: &mut Suite, sender: &Addr, msg: Value) -> StdResult<AppResponse> {
    let release = suite.release.clone();
    suite
        .app
        .execute_contract(sender.clone(), release, &msg, &[])
}

fn ask(suite: &Suite, msg: Value) -> StdResult<Value> {
    suite.app.wrap().query_wasm_smart(&suite.release, &msg)
}

/// Everything a failed message could have touched, to compare before and after.
fn snapshot(suite: &Suite, release_id: &str) -> (Value, LogHead, Value, Value) {
    (
        ask(suite, json!({"release": {"release_id": release_id}})).unwrap(),
        suite.trail_head(release_id),
        ask(suite, json!({"releases": {"limit": 100}})).unwrap(),
        ask(suite, json!({"latest_release": {}})).unwrap_or(Value::Null),
    )
}

#[test]
fn spec_json_with_optional_fields_omitted_or_null() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    let auditor = suite.addr("auditor");
    // optional fields omitted
    send(
        &mut suite,
        &carol,
        json!({"propose": {"release_id": rid(1), "version": "1.0.0", "source_uri": "ipfs://src"}}),
    )
    .unwrap();
    // optional fields null
    send(
        &mut suite,
        &carol,
        json!({"propose": {"release_id": rid(2), "version": "1.0.1-rc.1", "source_uri": "ar://src",
            "commit": null, "notes_uri": null}}),
    )
    .unwrap();
    let one = ask(&suite, json!({"release": {"release_id": rid(1)}})).unwrap();
    for key in ["release_id", "version", "status", "proposer", "proposal_id"] {
        assert!(one.get(key).is_some(), "{key} in {one}");
    }
    assert_eq!(one["status"], "auditing");
    assert_eq!(one["commit"], Value::Null);

    suite.set_gate(&rid(1), &[&auditor], &[]);
    let res = send(
        &mut suite,
        &carol,
        json!({"submit_for_vote": {"release_id": rid(1)}}),
    )
    .unwrap();
    let proposal_id: u64 = attr(&res, "proposal_id").unwrap().parse().unwrap();
    let voting = ask(&suite, json!({"release": {"release_id": rid(1)}})).unwrap();
    assert_eq!(voting["status"], "voting");
    assert_eq!(voting["proposal_id"], json!(proposal_id), "a JSON number");
    let listed = ask(
        &suite,
        json!({"releases": {"status": "voting", "start_after": null, "limit": null}}),
    )
    .unwrap();
    assert_eq!(listed["releases"].as_array().unwrap().len(), 1);
    assert_eq!(listed["releases"][0]["release_id"], rid(1));

    suite.decide(&rid(1), proposal_id, true).unwrap();
    assert_eq!(
        ask(&suite, json!({"release": {"release_id": rid(1)}})).unwrap()["status"],
        "approved"
    );
    // build without its optional provenance
    send(
        &mut suite,
        &carol,
        json!({"finalize": {"release_id": rid(1),
            "artifacts": [{"name": "berty.apk", "platform": "android", "digest": digest('a'),
                "uri": "https://dl.berty.tech/berty.apk"}],
            "build": {"builder": "ci"}}}),
    )
    .unwrap();
    send(
        &mut suite,
        &carol,
        json!({"attest_publication": {"release_id": rid(1), "channel": "f-droid",
            "artifact_digest": digest('a')}}),
    )
    .unwrap();
    let latest = ask(&suite, json!({"latest_release": {}})).unwrap();
    assert_eq!(latest["release_id"], rid(1));
    assert_eq!(latest["status"], "released");
    assert_eq!(latest["build"]["provenance_uri"], Value::Null);
    assert_eq!(latest["publications"][0]["listing_uri"], Value::Null);

    suite.set_gate(&rid(2), &[], &[]);
    let gates = ask(&suite, json!({"gates": {"release_id": rid(2)}})).unwrap();
    let blockers = gates["blockers"].as_array().unwrap();
    assert!(!blockers.is_empty() && blockers.iter().all(Value::is_string));
    let head = ask(&suite, json!({"trail_head": {"release_id": rid(1)}})).unwrap();
    assert_eq!(head["length"], 5);
    assert_eq!(head["head"].as_str().unwrap().len(), 64);
    let trail = ask(
        &suite,
        json!({"trail": {"release_id": rid(1), "start_after": 3}}),
    )
    .unwrap();
    assert_eq!(trail["events"].as_array().unwrap().len(), 1);
    assert_eq!(trail["events"][0]["event"]["kind"], "published");
    assert_eq!(trail["events"][0]["hash"], head["head"]);
}

#[test]
fn decisions_from_anyone_but_council_vote_are_unauthorized_first() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    berty_testing::set_balance(&mut suite.app, &carol, &coins(10, "ustake"));
    let (id, proposal_id) = suite.approved(1);
    // a CTR, the registry and membership; funds, a malformed head, an unknown release
    let forged = json!({"record_council_decision": {"release_id": "not a digest",
        "proposal_id": proposal_id, "passed": true, "tally": tally(3, 0),
        "rules": berty_interface::council_vote::Rules::default(),
        "ballots_head": "XYZ", "ballots_count": 0}});
    for sender in [
        carol.clone(),
        suite.registry.clone(),
        suite.membership.clone(),
        suite.release.clone(),
    ] {
        let release = suite.release.clone();
        let funds = if sender == carol {
            coins(1, "ustake")
        } else {
            vec![]
        };
        let err = suite
            .app
            .execute_contract(sender.clone(), release, &forged, &funds)
            .unwrap_err();
        assert_error(
            err,
            ContractError::Unauthorized {
                sender,
                required: "the council-vote contract",
            },
        );
    }
    assert_eq!(suite.status(&id), ReleaseStatus::Approved);
}

#[test]
fn a_stale_approval_after_a_rejection_does_not_approve_the_new_vote() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    let (id, first) = suite.voting(1);
    suite.decide(&id, first, false).unwrap();
    suite.submit(&carol, &id).unwrap();
    let second = suite.release(&id).proposal_id.unwrap();
    assert_ne!(first, second);
    let before = snapshot(&suite, &id);
    // the first vote's decision delivered again, now as an approval
    let res = suite.decide(&id, first, true).unwrap();
    assert!(attr(&res, "ignored").is_some());
    // a decision on a vote not yet opened
    let res = suite.decide(&id, second + 1, true).unwrap();
    assert!(attr(&res, "ignored").is_some());
    assert_eq!(snapshot(&suite, &id), before, "nothing changed");
    assert_eq!(suite.status(&id), ReleaseStatus::Voting);
    assert!(suite.finalize(&carol, &id).is_err());

    // the second vote's approval counts once; its replay is ignored
    suite.decide(&id, second, true).unwrap();
    let approved = snapshot(&suite, &id);
    let res = suite.decide(&id, second, false).unwrap();
    assert!(attr(&res, "ignored").is_some());
    assert_eq!(snapshot(&suite, &id), approved);
    suite.finalize(&carol, &id).unwrap();
    assert_eq!(suite.status(&id), ReleaseStatus::Released);
}

#[test]
fn failed_messages_leave_no_trace() {
    let mut suite = Suite::new();
    let (carol, dave) = (suite.carol.clone(), suite.dave.clone());
    let (auditor, blocker) = (suite.addr("auditor"), suite.addr("blocker"));
    let (id, _) = suite.approved(1);
    let before = snapshot(&suite, &id);
    // a counted no_go now: finalize fails as a whole
    suite.set_gate(&id, &[&auditor], &[&blocker]);
    let err = suite.finalize(&dave, &id).unwrap_err();
    assert_error(err, "a counted no_go report by");
    // no positive report now
    suite.set_gate(&id, &[], &[]);
    let err = suite.finalize(&dave, &id).unwrap_err();
    assert_error(err, "no counted positive");
    // malformed artifacts, a second submission, a publication before release
    let bad = ExecuteMsg::Finalize(FinalizeMsg {
        release_id: id.clone(),
        artifacts: vec![],
        build: crate::suite::build(),
    });
    assert!(suite.execute(&carol, &bad).is_err());
    assert!(suite.submit(&carol, &id).is_err());
    assert!(suite
        .execute(&carol, &Suite::attest_msg(&id, "f-droid", &digest('a')))
        .is_err());
    assert_eq!(snapshot(&suite, &id), before);
    assert!(suite
        .releases(Some(ReleaseStatus::Released), None, None)
        .releases
        .is_empty());
    assert!(suite.latest_release().is_err());

    // once the gate holds again, the same finalize succeeds
    suite.set_gate(&id, &[&auditor], &[]);
    suite.finalize(&dave, &id).unwrap();
    assert_eq!(suite.status(&id), ReleaseStatus::Released);
}

#[test]
fn a_release_is_never_finalized_without_a_ctr_proposer() {
    let mut suite = Suite::new();
    let (carol, dave) = (suite.carol.clone(), suite.dave.clone());
    let auditor = suite.addr("auditor");
    let eve = suite.addr("eve");
    // eve becomes a CTR and proposes in the same block: she was one when proposing
    suite.set_role(&eve, Some(Role::CoreTeamRep));
    suite.propose(&eve, &rid(1)).unwrap();
    suite.set_gate(&rid(1), &[&auditor], &[]);
    assert!(suite.gates(&rid(1)).candidate.passed);
    suite.next_block();
    suite.submit(&carol, &rid(1)).unwrap();
    let proposal_id = suite.release(&rid(1)).proposal_id.unwrap();
    suite.decide(&rid(1), proposal_id, true).unwrap();
    // losing the role later does not undo her proposal
    suite.set_role(&eve, None);
    suite.next_block();
    assert!(suite.gates(&rid(1)).finalizable);
    // but she can no longer finalize herself
    assert_error(
        suite.finalize(&eve, &rid(1)).unwrap_err(),
        ContractError::Unauthorized {
            sender: eve.clone(),
            required: "a core team representative",
        },
    );
    suite.finalize(&dave, &rid(1)).unwrap();
    assert_eq!(suite.release(&rid(1)).proposer, eve);
}

#[test]
fn queries_survive_hostile_input() {
    let mut suite = Suite::new();
    let id = suite.released(1);
    for release_id in [
        String::new(),
        "é".repeat(40),
        "\u{0}".repeat(64),
        "F".repeat(64),
        "a".repeat(10_000),
    ] {
        for msg in [
            json!({"release": {"release_id": release_id}}),
            json!({"gates": {"release_id": release_id}}),
            json!({"trail": {"release_id": release_id}}),
            json!({"trail_head": {"release_id": release_id}}),
        ] {
            let err = ask(&suite, msg).unwrap_err().to_string();
            assert!(err.contains("not found"), "{err}");
        }
    }
    let page = ask(
        &suite,
        json!({"trail": {"release_id": id, "start_after": u64::MAX, "limit": u32::MAX}}),
    )
    .unwrap();
    assert_eq!(page["events"], json!([]));
    let page = ask(
        &suite,
        json!({"releases": {"start_after": "\u{ffff}", "limit": u32::MAX}}),
    )
    .unwrap();
    assert_eq!(page["releases"], json!([]));
    let one = ask(&suite, json!({"trail": {"release_id": id, "limit": 0}})).unwrap();
    assert_eq!(
        one["events"].as_array().unwrap().len(),
        1,
        "paging still advances"
    );
}

#[test]
fn every_execute_names_its_action_and_ids() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    let auditor = suite.addr("auditor");
    let id = rid(1);
    let res = suite.propose(&carol, &id).unwrap();
    assert_eq!(attr(&res, "action").unwrap(), "propose");
    assert_eq!(attr(&res, "release_id").unwrap(), id);
    assert_eq!(attr(&res, "status").unwrap(), "auditing");
    suite.set_gate(&id, &[&auditor], &[]);
    let res = suite.submit(&carol, &id).unwrap();
    assert_eq!(attr(&res, "action").unwrap(), "submit_for_vote");
    let proposal_id = attr(&res, "proposal_id").unwrap();
    assert_eq!(attr(&res, "status").unwrap(), "voting");
    let res = suite
        .decide(&id, proposal_id.parse().unwrap(), true)
        .unwrap();
    assert_eq!(attr(&res, "action").unwrap(), "record_council_decision");
    assert_eq!(attr(&res, "release_id").unwrap(), id);
    assert_eq!(attr(&res, "proposal_id").unwrap(), proposal_id);
    let res = suite.finalize(&carol, &id).unwrap();
    assert_eq!(attr(&res, "action").unwrap(), "finalize");
    assert_eq!(attr(&res, "release_id").unwrap(), id);
    assert_eq!(attr(&res, "proposal_id").unwrap(), proposal_id);
    assert_eq!(attr(&res, "status").unwrap(), "released");
    let res = suite
        .execute(&carol, &Suite::attest_msg(&id, "f-droid", &digest('a')))
        .unwrap();
    assert_eq!(attr(&res, "action").unwrap(), "attest_publication");
    assert_eq!(attr(&res, "release_id").unwrap(), id);
    suite.propose(&carol, &rid(2)).unwrap();
    let res = suite.withdraw(&carol, &rid(2)).unwrap();
    assert_eq!(attr(&res, "action").unwrap(), "withdraw");
    assert_eq!(attr(&res, "release_id").unwrap(), rid(2));
    assert_eq!(attr(&res, "status").unwrap(), "withdrawn");
}

#[test]
fn the_trail_commits_to_the_other_logs_as_they_stood() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    let auditor = suite.addr("auditor");
    let id = rid(1);
    suite.propose(&carol, &id).unwrap();
    suite.set_gate(&id, &[&auditor], &[]);
    let members_at_vote = suite.members_log_head();
    suite.submit(&carol, &id).unwrap();
    let proposal_id = suite.release(&id).proposal_id.unwrap();
    suite.decide(&id, proposal_id, true).unwrap();
    // the logs move on before finalization
    let newcomer = suite.addr("newcomer");
    suite.set_role(&newcomer, Some(Role::CoreTeamRep));
    let other = suite.addr("other");
    suite.set_gate(&id, &[&auditor, &other], &[]);
    let members_at_finalize = suite.members_log_head();
    assert_ne!(members_at_vote, members_at_finalize);
    suite.finalize(&carol, &id).unwrap();

    let events = suite.trail(&id, None, None).events;
    let datas: Vec<ReleaseEventData> = events.into_iter().map(|e| e.event.data).collect();
    let (length_at_vote, length_at_finalize) = (1, 2);
    assert!(
        matches!(&datas[1], ReleaseEventData::VoteOpened { proposal_id: p, reports_log, members_log }
        if *p == proposal_id && reports_log.length == length_at_vote && *members_log == members_at_vote)
    );
    assert!(
        matches!(&datas[2], ReleaseEventData::Decision { proposal_id: p, passed: true, tally: t, ballots_log, rules: Some(_) }
        if *p == proposal_id && *t == tally(3, 0) && ballots_log.length == 6 && ballots_log.head == digest('d'))
    );
    assert!(
        matches!(&datas[3], ReleaseEventData::Finalized { proposal_id: p, reports_log, members_log, .. }
        if *p == proposal_id && reports_log.length == length_at_finalize && *members_log == members_at_finalize)
    );
}

#[test]
fn update_config_is_governance_only_before_validation() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    for msg in [
        json!({"update_config": {}}),
        json!({"update_config": {"membership": "not an address", "app_name": ""}}),
    ] {
        let err = send(&mut suite, &carol, msg).unwrap_err();
        assert_error(
            err,
            ContractError::Unauthorized {
                sender: carol.clone(),
                required: "the governance (council-vote)",
            },
        );
    }
    let err = suite
        .as_governance(ExecuteMsg::UpdateConfig(UpdateReleaseConfigMsg {
            membership: None,
            audit_registry: None,
            council_vote: None,
            app_name: None,
        }))
        .unwrap_err();
    assert_error(err, ContractError::EmptyUpdate);
}

/// `attest_publication` is for a CTR *with a registered key*: a CTR without one is told
/// so before its funds or its fields are looked at (who may send is checked first).
#[test]
fn a_ctr_without_a_key_is_refused_before_funds_and_fields() {
    let mut suite = Suite::new();
    let dave = suite.dave.clone();
    berty_testing::set_balance(&mut suite.app, &dave, &coins(10, "ustake"));
    let id = suite.released(1);
    let release = suite.release.clone();
    for (msg, funds) in [
        (
            json!({"attest_publication": {"release_id": id, "channel": "",
                "artifact_digest": "not a digest", "listing_uri": "ftp://x"}}),
            vec![],
        ),
        (
            json!({"attest_publication": {"release_id": id, "channel": "f-droid",
                "artifact_digest": digest('a')}}),
            coins(1, "ustake"),
        ),
    ] {
        let err = suite
            .app
            .execute_contract(dave.clone(), release.clone(), &msg, &funds)
            .unwrap_err();
        assert_error(
            err,
            ContractError::PubkeyNotRegistered { addr: dave.clone() },
        );
    }
    assert!(suite.release(&id).publications.is_empty());
}

/// A CTR proposes and loses the role later in the same block (governance's revocation
/// runs after the proposal): it was a CTR when proposing, as `propose` itself checked, so
/// the candidate may still be finalized. (Its id cannot be proposed again: refusing it
/// here would block that source for good, and the gates would say something false.)
#[test]
fn a_proposer_revoked_later_in_its_block_was_a_ctr_when_proposing() {
    let mut suite = Suite::new();
    let (carol, dave) = (suite.carol.clone(), suite.dave.clone());
    let auditor = suite.addr("auditor");
    let id = rid(1);
    suite.propose(&carol, &id).unwrap();
    suite.set_role(&carol, None);
    suite.set_gate(&id, &[&auditor], &[]);
    assert!(suite.gates(&id).candidate.passed, "{:?}", suite.gates(&id));
    suite.next_block();
    suite.submit(&dave, &id).unwrap();
    let proposal_id = suite.release(&id).proposal_id.unwrap();
    suite.decide(&id, proposal_id, true).unwrap();
    suite.finalize(&dave, &id).unwrap();
    assert_eq!(suite.status(&id), ReleaseStatus::Released);

    // granted, proposing and revoked within one block: membership's snapshots show no
    // CTR at either end of it, so the gate cannot confirm the proposer and refuses
    let eve = suite.addr("eve");
    suite.set_role(&eve, Some(Role::CoreTeamRep));
    suite.propose(&eve, &rid(2)).unwrap();
    suite.set_role(&eve, None);
    suite.set_gate(&rid(2), &[&auditor], &[]);
    suite.next_block();
    suite.submit(&dave, &rid(2)).unwrap();
    let proposal_id = suite.release(&rid(2)).proposal_id.unwrap();
    suite.decide(&rid(2), proposal_id, true).unwrap();
    assert_error(
        suite.finalize(&dave, &rid(2)).unwrap_err(),
        format!("failing gates candidate: the proposer {eve} was not a core team representative when proposing"),
    );
}

/// SPEC 4: list queries default to 10 and answer at most 100, whatever is asked.
#[test]
fn pages_default_to_ten_and_hold_at_most_a_hundred() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    let id = suite.released(0);
    for channel in ["a", "b", "c", "d", "e", "f"] {
        for artifact in [digest('a'), digest('b')] {
            suite
                .execute(&carol, &Suite::attest_msg(&id, channel, &artifact))
                .unwrap();
        }
    }
    assert_eq!(suite.trail_head(&id).length, 16);
    assert_eq!(suite.trail(&id, None, None).events.len(), 10);
    assert_eq!(suite.trail(&id, None, Some(1000)).events.len(), 16);
    assert_eq!(suite.release(&id).publications.len(), 12);
    for n in 1..=101 {
        suite.propose(&carol, &rid(n)).unwrap();
    }
    assert_eq!(suite.releases(None, None, None).releases.len(), 10);
    assert_eq!(suite.releases(None, None, Some(1000)).releases.len(), 100);
    let auditing = suite.releases(Some(ReleaseStatus::Auditing), None, Some(u32::MAX));
    assert_eq!(auditing.releases.len(), 100);
    let rest = suite.releases(
        Some(ReleaseStatus::Auditing),
        Some(auditing.releases[99].release_id.clone()),
        Some(100),
    );
    assert_eq!(rest.releases.len(), 1);
}
