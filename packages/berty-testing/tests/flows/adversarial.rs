//! An adversarial review of the four real contracts together, against SPEC alone: the
//! instantiate2 wiring (no instantiate queries a peer), a submission council-vote cannot
//! open leaves no trace, the release log's cross-commitments hold the other logs' heads as
//! they stood, gates re-checked at finalization, peer-only messages refused to others.

use berty_hashlog::LogHead;
use berty_interface::audit_registry::{self as registry, ReportStatus};
use berty_interface::council_vote::{self as council, Vote};
use berty_interface::membership::{self as membership, MemberInit};
use berty_interface::release::RecordCouncilDecisionMsg;
use berty_interface::release::{self, ReleaseEventData, ReleaseStatus};
use berty_interface::Role;
use berty_testing::assert_error;
use berty_testing::dao::{artifact, digest_of, Dao};
use berty_testing::deploy::{self, Contract, DeployBuilder};
use berty_testing::membership::{member, ACTIVIST, TECHNOLOGIST};
use cosmwasm_std::{Addr, CosmosMsg};
use cw_multi_test::Executor;

use crate::bundle::{check, export};
use serde_json::{json, Value};

fn reports_head(dao: &Dao, release_id: &str) -> LogHead {
    let msg = registry::QueryMsg::ReportLogHead {
        release_id: release_id.to_string(),
    };
    dao.app
        .wrap()
        .query_wasm_smart(&dao.registry, &msg)
        .unwrap()
}

fn members_head(dao: &Dao) -> LogHead {
    let msg = membership::QueryMsg::MemberLogHead {};
    dao.app
        .wrap()
        .query_wasm_smart(&dao.membership, &msg)
        .unwrap()
}

fn ballots_head(dao: &Dao, proposal_id: u64) -> LogHead {
    let msg = council::QueryMsg::BallotLogHead { proposal_id };
    dao.app.wrap().query_wasm_smart(&dao.council, &msg).unwrap()
}

fn trail_data(dao: &Dao, release_id: &str) -> Vec<ReleaseEventData> {
    let trail: release::TrailResponse = dao
        .app
        .wrap()
        .query_wasm_smart(
            &dao.release,
            &release::QueryMsg::Trail {
                release_id: release_id.to_string(),
                start_after: None,
                limit: Some(100),
            },
        )
        .unwrap();
    trail.events.into_iter().map(|e| e.event.data).collect()
}

/// The contracts are instantiated in the reverse of the plan's order, each before the
/// peers it names exist: instantiate never queries a peer, and the DAO works after.
#[test]
fn each_contract_instantiates_before_its_peers_exist() {
    let api = deploy::api();
    let ctr = api.addr_make("ctr");
    let members: Vec<MemberInit> = vec![
        member(&api.addr_make("activist"), ACTIVIST),
        member(&api.addr_make("technologist"), TECHNOLOGIST),
        member(&ctr, Role::CoreTeamRep),
    ];
    let mut deployment = DeployBuilder::new(deploy::config(members)).all().store();
    for contract in Contract::ALL.into_iter().rev() {
        deployment.instantiate(contract);
    }
    let (mut app, rel) = (deployment.app, deployment.release);
    app.update_block(|b| b.height += 1);
    let id = digest_of("berty-9.0.0.tar.gz");
    app.execute_contract(
        ctr,
        rel.clone(),
        &json!({"propose": {"release_id": id, "version": "9.0.0", "source_uri": "ipfs://src"}}),
        &[],
    )
    .unwrap();
    let answer: Value = app
        .wrap()
        .query_wasm_smart(&rel, &json!({"release": {"release_id": id}}))
        .unwrap();
    assert_eq!(answer["status"], "auditing");
}

/// `vote_opened` and `finalized` hold the reports and members logs' heads as they stood
/// at that moment, `decision` the ballots log's head and the tally: each compared with the
/// owning contract's own head query, while the logs keep moving in between.
#[test]
fn the_release_log_commits_to_the_heads_as_they_stood() {
    let mut dao = Dao::new();
    let id = dao.audited_release("5.0.0");
    dao.next_block();
    let (reports_at_vote, members_at_vote) = (reports_head(&dao, &id), members_head(&dao));
    let proposal_id = dao.submit_for_vote("ctr1", &id).unwrap();
    // the reports log moves on while the vote runs (the candidate is open)
    dao.report("auditor1", &id, ReportStatus::GoWithWarnings)
        .unwrap();
    dao.next_block();
    dao.vote_all(proposal_id, Vote::Yes).unwrap();
    let ballots = ballots_head(&dao, proposal_id);
    let tally = dao.proposal(proposal_id).tally;
    dao.close(proposal_id).unwrap();
    // the members log moves on before finalization
    dao.next_block();
    dao.govern_members(&[("ctr2", Role::CoreTeamRep)], &[])
        .unwrap();
    dao.register_pubkey("ctr2").unwrap();
    dao.next_block();
    let (reports_at_final, members_at_final) = (reports_head(&dao, &id), members_head(&dao));
    assert_ne!(reports_at_final, reports_at_vote);
    assert_ne!(members_at_final, members_at_vote);
    dao.finalize("ctr2", &id, vec![artifact("berty-5.0.0.apk", "android")])
        .unwrap();

    let data = trail_data(&dao, &id);
    assert_eq!(
        data[1],
        ReleaseEventData::VoteOpened {
            proposal_id,
            reports_log: reports_at_vote,
            members_log: members_at_vote,
        }
    );
    assert_eq!(
        data[2],
        ReleaseEventData::Decision {
            proposal_id,
            passed: true,
            tally,
            ballots_log: ballots,
            rules: Some(dao.proposal(proposal_id).rules),
        }
    );
    match &data[3] {
        ReleaseEventData::Finalized {
            proposal_id: p,
            reports_log,
            members_log,
            ..
        } => {
            assert_eq!(*p, proposal_id);
            assert_eq!(*reports_log, reports_at_final);
            assert_eq!(*members_log, members_at_final);
        }
        other => panic!("not a finalized event: {other:?}"),
    }
    check(&export(&dao, &id), &["berty-5.0.0.apk"]).expect("the bundle verifies");
}

/// After approval, governance deactivates the only auditor whose report was positive:
/// at finalization no counted positive report is left, so finalize is refused.
#[test]
fn finalize_needs_a_counted_positive_report_at_that_moment() {
    let mut dao = Dao::new();
    let (id, _) = dao.approved_release("6.0.0");
    assert!(dao.gates(&id).finalizable);
    dao.next_block();
    dao.govern_members(&[], &["auditor0"]).unwrap();
    let gates = dao.gates(&id);
    assert!(!gates.finalizable && !gates.audit.passed);
    let err = dao
        .finalize("ctr1", &id, vec![artifact("berty-6.0.0.apk", "android")])
        .unwrap_err();
    assert_error(err, "no counted positive");
    assert_eq!(dao.release_info(&id).status, ReleaseStatus::Approved);
    // another auditor's positive report lets it through
    dao.report("auditor1", &id, ReportStatus::GoWithWarnings)
        .unwrap();
    dao.finalize("ctr1", &id, vec![artifact("berty-6.0.0.apk", "android")])
        .unwrap();
    assert_eq!(dao.release_info(&id).status, ReleaseStatus::Released);
    check(&export(&dao, &id), &["berty-6.0.0.apk"]).expect("the bundle verifies");
}

/// Peer-only messages from a CTR (or anyone but the listed peer) are `Unauthorized`,
/// before any other check, on the real contracts.
#[test]
fn peer_only_messages_refuse_everyone_else() {
    let mut dao = Dao::new();
    let (id, proposal_id) = dao.submitted_release("7.0.0");
    let (council_addr, release_addr) = (dao.council.clone(), dao.release.clone());
    let err = dao
        .execute(
            "ctr0",
            &council_addr,
            &json!({"open_release_vote": {"release_id": "not a digest"}}),
            &[],
        )
        .unwrap_err();
    assert_error(err, "Unauthorized");
    let forged = json!({"record_council_decision": {"release_id": id, "proposal_id": proposal_id,
        "passed": true, "tally": dao.proposal(proposal_id).tally,
        "rules": dao.proposal(proposal_id).rules,
        "ballots_head": digest_of("forged"), "ballots_count": 0}});
    for name in ["ctr0", "activist0", "auditor0"] {
        let err = dao.execute(name, &release_addr, &forged, &[]).unwrap_err();
        assert_error(err, "Unauthorized");
    }
    assert_eq!(dao.release_info(&id).status, ReleaseStatus::Voting);
}

/// Two candidates voted at once: each decision reaches its own release, whichever vote
/// is closed first, and a vote rejected at its deadline returns its candidate to auditing.
#[test]
fn concurrent_votes_deliver_each_decision_to_its_own_release() {
    let mut dao = Dao::new();
    let (a, b) = (
        digest_of("berty-8.0.0.tar.gz"),
        digest_of("berty-8.0.1.tar.gz"),
    );
    for (id, version) in [(&a, "8.0.0"), (&b, "8.0.1")] {
        dao.propose_release("ctr0", id, version).unwrap();
        dao.report("auditor0", id, ReportStatus::Go).unwrap();
    }
    let vote_a = dao.submit_for_vote("ctr0", &a).unwrap();
    let vote_b = dao.submit_for_vote("ctr1", &b).unwrap();
    assert_eq!(vote_b, vote_a + 1);
    assert_eq!(dao.release_info(&a).proposal_id, Some(vote_a));
    assert_eq!(dao.release_info(&b).proposal_id, Some(vote_b));
    dao.pass_vote(vote_b);
    assert_eq!(dao.release_info(&a).status, ReleaseStatus::Voting);
    assert_eq!(dao.release_info(&b).status, ReleaseStatus::Approved);
    // nobody votes on `a`: rejected for turnout at the deadline
    dao.advance(7 * 24 * 3600);
    dao.close(vote_a).unwrap();
    let release = dao.release_info(&a);
    assert_eq!(release.status, ReleaseStatus::Auditing);
    let decision = release.decision.unwrap();
    assert_eq!((decision.proposal_id, decision.passed), (vote_a, false));
    assert_eq!(decision.ballots_count, 0);
    assert!(dao
        .finalize("ctr0", &a, vec![artifact("a.apk", "android")])
        .is_err());
    dao.finalize("ctr0", &b, vec![artifact("b.apk", "android")])
        .unwrap();
    check(&export(&dao, &a), &[]).expect("the rejected candidate's bundle verifies");
    check(&export(&dao, &b), &["b.apk"]).expect("the released one's verifies");
}

/// A governance proposal runs its messages as council-vote, so one could deliver a release
/// "decision" the release vote never made (here while that vote is still open). council-vote
/// refuses such a proposal when it is made; the release vote decides alone.
#[test]
fn a_decision_by_governance_proposal_is_refused() {
    let mut dao = Dao::new();
    let (id, vote) = dao.submitted_release("10.0.0");
    let release = dao.release.clone();
    let forged = forged_decision(&dao, &release, &id, vote);
    dao.next_block();
    let err = dao.govern(vec![forged]).unwrap_err();
    assert_error(err, "records a release decision");
    assert_eq!(dao.proposal(vote).status, council::ProposalStatus::Open);
    assert_eq!(dao.release_info(&id).status, ReleaseStatus::Voting);
    let files = vec![artifact("forged.apk", "android")];
    let err = dao.finalize("ctr1", &id, files).unwrap_err();
    assert_error(err, "council");
}

/// A message to `release` recording that vote `vote` on `id` passed, as a governance
/// proposal would carry it: only the release vote may decide, so it must be refused.
fn forged_decision(dao: &Dao, release: &Addr, id: &str, vote: u64) -> CosmosMsg {
    let proposal = dao.proposal(vote);
    let decision = RecordCouncilDecisionMsg {
        release_id: id.to_string(),
        proposal_id: vote,
        passed: true,
        tally: proposal.tally,
        rules: proposal.rules,
        ballots_head: digest_of("no ballots"),
        ballots_count: 0,
    };
    Dao::wasm_msg(
        release,
        &release::ExecuteMsg::RecordCouncilDecision(decision),
    )
}

/// Staked mode: the only positive auditor unbonds below `min_bond` after the approval;
/// its role is revoked through membership, its report stops counting, finalize is refused
/// until it bonds again.
#[test]
fn an_unbonded_auditor_no_longer_carries_the_audit_gate() {
    let mut dao = Dao::builder().auditors(0).staked().build();
    dao.bond("staker0", berty_testing::dao::MIN_BOND).unwrap();
    assert_eq!(dao.role("staker0"), Some(Role::Auditor));
    dao.register_pubkey("staker0").unwrap();
    let id = digest_of("berty-11.0.0.tar.gz");
    dao.propose_release("ctr0", &id, "11.0.0").unwrap();
    dao.next_block();
    dao.report("staker0", &id, ReportStatus::Go).unwrap();
    dao.approve("ctr0", &id);
    dao.unbond("staker0", 1).unwrap();
    assert_eq!(dao.role("staker0"), None);
    let files = vec![artifact("berty-11.0.0.apk", "android")];
    let err = dao.finalize("ctr1", &id, files.clone()).unwrap_err();
    assert_error(err, "no counted positive");
    assert_eq!(dao.release_info(&id).status, ReleaseStatus::Approved);
    dao.bond("staker0", 1).unwrap();
    dao.next_block();
    dao.finalize("ctr1", &id, files).unwrap();
    check(&export(&dao, &id), &["berty-11.0.0.apk"]).expect("the bundle verifies");
}

/// The `gates` answer, read as SPEC JSON from the real contracts, in every state: each gate
/// a `{ passed, blockers }`, blockers human-readable strings.
#[test]
fn gates_answer_in_every_state() {
    let mut dao = Dao::new();
    let id = digest_of("berty-12.0.0.tar.gz");
    dao.propose_release("ctr0", &id, "12.0.0").unwrap();
    let gates = |dao: &Dao| -> Value {
        dao.app
            .wrap()
            .query_wasm_smart(&dao.release, &json!({"gates": {"release_id": id}}))
            .unwrap()
    };
    let fresh = gates(&dao);
    assert_eq!(fresh["status"], "auditing");
    assert_eq!(fresh["audit"]["passed"], false);
    assert!(fresh["audit"]["blockers"][0]
        .as_str()
        .unwrap()
        .contains("no counted positive"));
    dao.report("auditor0", &id, ReportStatus::Go).unwrap();
    dao.report("auditor1", &id, ReportStatus::NoGo).unwrap();
    let auditor1 = dao.addr("auditor1");
    let blocked = gates(&dao);
    assert!(blocked["blockers"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b.as_str().unwrap().contains(auditor1.as_str())));
    dao.report("auditor1", &id, ReportStatus::Go).unwrap();
    let proposal_id = dao.submit_for_vote("ctr0", &id).unwrap();
    let voting = gates(&dao);
    assert_eq!(voting["status"], "voting");
    assert_eq!(voting["council"]["passed"], false);
    dao.next_block();
    dao.withdraw("ctr1", &id, "superseded").unwrap();
    let withdrawn = gates(&dao);
    assert_eq!(withdrawn["status"], "withdrawn");
    assert_eq!(withdrawn["finalizable"], false);
    assert!(withdrawn["candidate"]["blockers"][0]
        .as_str()
        .unwrap()
        .contains("superseded"));
    dao.vote_all(proposal_id, Vote::Yes).unwrap();
    dao.close(proposal_id).unwrap();
    assert_eq!(gates(&dao)["status"], "withdrawn");
}

/// Issue 11, case 5, on the real release contract: the release address in capitals (a
/// chain accepts it) no longer slips a decision past council-vote's guard.
#[test]
fn a_decision_by_proposal_to_the_release_address_in_capitals_is_refused() {
    let mut dao = Dao::new();
    let (id, vote) = dao.submitted_release("10.1.0");
    let shouting = Addr::unchecked(dao.release.as_str().to_ascii_uppercase());
    let forged = forged_decision(&dao, &shouting, &id, vote);
    dao.next_block();
    let err = dao.govern(vec![forged]).unwrap_err();
    assert_error(err, "records a release decision");
    assert_eq!(dao.release_info(&id).status, ReleaseStatus::Voting);
}

/// Issue 11, case 4, through governance on the deployed DAO: a proposal removing the last
/// technologists passes but cannot run, and the DAO goes on.
#[test]
fn governance_cannot_empty_a_college() {
    let mut dao = Dao::new();
    let err = dao
        .govern_members(&[], &["technologist0", "technologist1", "technologist2"])
        .unwrap_err();
    assert_error(err, "the technologists college would have no member");
    dao.next_block();
    dao.submitted_release("10.2.0");
}

/// Issue 11, case 9: the release log's `decision` event carries the rules the vote was
/// decided under, and the bundle's verifier decides from them.
#[test]
fn the_decision_event_commits_to_the_rules() {
    let mut dao = Dao::new();
    let (id, vote) = dao.approved_release("10.3.0");
    let rules = dao.proposal(vote).rules;
    let decision = trail_data(&dao, &id)
        .into_iter()
        .find_map(|d| match d {
            ReleaseEventData::Decision { rules, .. } => Some(rules),
            _ => None,
        })
        .unwrap();
    assert_eq!(decision, Some(rules.clone()));
    assert_eq!(dao.release_info(&id).decision.unwrap().rules, Some(rules));
    dao.finalize("ctr0", &id, vec![artifact("berty-10.3.0.apk", "android")])
        .unwrap();
    let verified = check(&export(&dao, &id), &["berty-10.3.0.apk"]).expect("verifies");
    assert!(verified.votes.iter().all(|v| v.rules_committed));
}
