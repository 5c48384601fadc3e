use berty_interface::release::{QueryMsg, ReleaseStatus};
use berty_release::ContractError;
use berty_testing::assert_error;

use crate::suite::{rid, Suite};

#[test]
fn releases_page_by_id_and_filter_by_status() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    for n in 1..=5 {
        suite.propose(&carol, &rid(n)).unwrap();
    }
    suite.withdraw(&carol, &rid(2)).unwrap();
    suite.withdraw(&carol, &rid(4)).unwrap();
    let released = suite.released(6);

    let ids = |releases: Vec<berty_interface::release::ReleaseResponse>| {
        releases
            .into_iter()
            .map(|r| r.release_id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(suite.releases(None, None, None).releases),
        (1..=6).map(rid).collect::<Vec<_>>()
    );
    assert_eq!(
        ids(suite.releases(None, Some(rid(2)), Some(2)).releases),
        vec![rid(3), rid(4)]
    );
    assert_eq!(
        ids(suite
            .releases(Some(ReleaseStatus::Withdrawn), None, None)
            .releases),
        vec![rid(2), rid(4)]
    );
    assert_eq!(
        ids(suite
            .releases(Some(ReleaseStatus::Auditing), Some(rid(1)), Some(1))
            .releases),
        vec![rid(3)]
    );
    let released_list = suite
        .releases(Some(ReleaseStatus::Released), None, None)
        .releases;
    assert_eq!(ids(released_list.clone()), vec![released.clone()]);
    assert_eq!(released_list[0].artifacts.len(), 2);
    assert!(suite
        .releases(Some(ReleaseStatus::Voting), None, None)
        .releases
        .is_empty());
    // limit 0 still advances; limits are capped
    assert_eq!(suite.releases(None, None, Some(0)).releases.len(), 1);
    assert_eq!(suite.releases(None, None, Some(1000)).releases.len(), 6);
}

#[test]
fn unknown_releases_are_errors_that_name_them() {
    let suite = Suite::new();
    for msg in [
        QueryMsg::Release { release_id: rid(7) },
        QueryMsg::Gates { release_id: rid(7) },
        QueryMsg::Trail {
            release_id: rid(7),
            start_after: None,
            limit: None,
        },
        QueryMsg::TrailHead { release_id: rid(7) },
    ] {
        assert_error(
            suite.query_err(&msg),
            ContractError::ReleaseNotFound { release_id: rid(7) },
        );
    }
    assert_error(
        suite.query_err(&QueryMsg::LatestRelease {}),
        ContractError::NoRelease,
    );
}

#[test]
fn latest_release_is_the_most_recently_released() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    let (first, _) = suite.approved(1);
    let second = suite.released(2);
    assert_eq!(suite.latest_release().unwrap().release_id, second);
    suite.next_block();
    suite.finalize(&carol, &first).unwrap();
    assert_eq!(suite.latest_release().unwrap().release_id, first);
}

#[test]
fn gates_say_what_blocks_a_release() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    let bad = suite.addr("bad");
    suite.propose(&carol, &rid(1)).unwrap();
    suite.set_gate(&rid(1), &[], &[&bad]);
    let gates = suite.gates(&rid(1));
    assert_eq!(gates.release_id, rid(1));
    assert_eq!(gates.status, ReleaseStatus::Auditing);
    assert!(gates.candidate.passed && gates.candidate.blockers.is_empty());
    assert!(!gates.audit.passed);
    assert_eq!(
        gates.audit.blockers,
        vec![
            "no counted positive (go or go_with_warnings) report".to_string(),
            format!("a counted no_go report by {bad}"),
        ]
    );
    assert!(!gates.council.passed);
    assert!(!gates.finalizable);
    assert_eq!(gates.blockers.len(), 3);
    // the JSON has every array field, even when empty
    let json: serde_json::Value = suite
        .app
        .wrap()
        .query_wasm_smart(&suite.release, &QueryMsg::Gates { release_id: rid(1) })
        .unwrap();
    assert_eq!(json["candidate"]["blockers"], serde_json::json!([]));
    assert_eq!(json["status"], "auditing");

    let (approved, _) = suite.approved(2);
    let gates = suite.gates(&approved);
    assert!(gates.finalizable && gates.blockers.is_empty());
    suite.withdraw(&carol, &approved).unwrap();
    let gates = suite.gates(&approved);
    assert!(!gates.finalizable && !gates.candidate.passed);
    assert_eq!(
        gates.candidate.blockers,
        vec!["the candidate was withdrawn: a regression".to_string()]
    );
}

#[test]
fn answers_speak_spec_json() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    suite.propose(&carol, &rid(1)).unwrap();
    let json: serde_json::Value = suite
        .app
        .wrap()
        .query_wasm_smart(&suite.release, &QueryMsg::Release { release_id: rid(1) })
        .unwrap();
    assert_eq!(json["release_id"], rid(1));
    assert_eq!(json["status"], "auditing");
    assert_eq!(json["proposer"], carol.as_str());
    assert_eq!(json["proposal_id"], serde_json::Value::Null);
    assert_eq!(json["artifacts"], serde_json::json!([]));
    assert_eq!(json["publications"], serde_json::json!([]));
    assert!(json["proposed_at"].is_string(), "a Timestamp is a string");

    let id = suite.released(2);
    let json: serde_json::Value = suite
        .app
        .wrap()
        .query_wasm_smart(&suite.release, &QueryMsg::LatestRelease {})
        .unwrap();
    assert_eq!(json["release_id"], id);
    assert_eq!(json["status"], "released");
    assert!(json["proposal_id"].is_u64(), "ids are JSON numbers");
    assert_eq!(json["decision"]["tally"]["activists"]["yes"], 3);
    let list: serde_json::Value = suite
        .app
        .wrap()
        .query_wasm_smart(
            &suite.release,
            &serde_json::json!({"releases": {"status": "released"}}),
        )
        .unwrap();
    assert_eq!(list["releases"].as_array().unwrap().len(), 1);
}
