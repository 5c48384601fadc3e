//! A ballot runs only council-vote on its common path (two raw reads of membership, no
//! contract call) and costs the same whatever the council's size.

use berty_interface::council_vote::VoteMsg;
use berty_interface::council_vote::{ExecuteMsg, Rules, Vote};
use berty_interface::signing::{signing_digest, BallotSigningPayload};
use berty_interface::{College, Role};
use berty_testing::TestKey;

use crate::harness::Harness;

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
struct Cost {
    gas: u64,
    reads: u64,
    writes: u64,
    raw_reads: u64,
    smart_queries: u64,
}

fn measure(harness: &mut Harness, sender: &cosmwasm_std::Addr, msg: ExecuteMsg) -> Cost {
    harness.reset_counters();
    harness.execute(sender, msg).unwrap();
    let fake = harness.membership.borrow();
    Cost {
        gas: harness.deps.storage.gas.get(),
        reads: harness.deps.storage.reads.get(),
        writes: harness.deps.storage.writes.get(),
        raw_reads: fake.raw_reads,
        smart_queries: fake.smart_queries,
    }
}

fn vote(proposal_id: u64, vote: Vote) -> ExecuteMsg {
    ExecuteMsg::Vote(VoteMsg {
        proposal_id,
        vote,
        rationale: None,
        signature: None,
    })
}

/// (what, cost) of ballots in a council of `size` members per college.
fn ballots(size: usize) -> Vec<(&'static str, Cost)> {
    let mut harness = Harness::new(size, size, Rules::default());
    let key = TestKey::from_seed("signer");
    let signer = key.addr(&harness.deps.api);
    let since = harness.env.block.height - 1;
    harness.seat(
        &signer,
        Role::Council {
            college: College::Technologists,
        },
        since,
    );
    harness.register_pubkey(&signer, &key.pubkey());
    let id = harness.open_release_vote();
    let (first, second) = (
        harness.activists[0].clone(),
        harness.technologists[0].clone(),
    );
    let rationale = "Reproducible build checked on two machines.".to_string();
    let payload = BallotSigningPayload {
        chain_id: harness.env.block.chain_id.clone(),
        contract: harness.env.contract.address.to_string(),
        proposal_id: id,
        vote: Vote::Yes,
        rationale: Some(rationale.clone()),
    };
    let signature = key.sign(&signing_digest(&payload).unwrap());
    vec![
        (
            "first ballot",
            measure(&mut harness, &first, vote(id, Vote::Yes)),
        ),
        (
            "next ballot",
            measure(&mut harness, &second, vote(id, Vote::No)),
        ),
        (
            "signed ballot with rationale",
            measure(
                &mut harness,
                &signer,
                ExecuteMsg::Vote(VoteMsg {
                    proposal_id: id,
                    vote: Vote::Yes,
                    rationale: Some(rationale),
                    signature: Some(signature),
                }),
            ),
        ),
    ]
}

#[test]
fn a_ballot_costs_the_same_whatever_the_council_size() {
    let small = ballots(3);
    let large = ballots(200);
    for ((name, few), (_, many)) in small.iter().zip(&large) {
        println!(
            "{name:30} {:>6} SDK storage gas, {} reads, {} writes with 3 per college; {:>6} with 200",
            few.gas, few.reads, few.writes, many.gas
        );
        // only the digits of the tally's numbers may differ
        assert!(
            few.gas.abs_diff(many.gas) <= 200,
            "{name}: {few:?} vs {many:?}"
        );
        assert_eq!((few.reads, few.writes), (many.reads, many.writes), "{name}");
        // terms, state, previous ballot; state, ballot record, log event (and a rationale)
        let writes = if name.contains("rationale") { 4 } else { 3 };
        assert_eq!((few.reads, few.writes), (3, writes), "{name}");
        // the voter's record and key: raw reads, no contract call
        assert_eq!((few.raw_reads, few.smart_queries), (2, 0), "{name}");
        assert_eq!(few.raw_reads, many.raw_reads);
        assert_eq!(few.smart_queries, many.smart_queries);
    }
}

#[test]
fn only_a_voter_seated_at_or_after_the_snapshot_costs_a_query() {
    let mut harness = Harness::new(3, 3, Rules::default());
    let id = harness.open_release_vote();
    // a member whose record changed in the opening block: the snapshot query decides
    let late = harness.deps.api.addr_make("late");
    let height = harness.env.block.height;
    harness.seat(
        &late,
        Role::Council {
            college: College::Activists,
        },
        height,
    );
    harness.reset_counters();
    // the fake answers the current role; the real membership answers the snapshot's
    // (tests/all/vote.rs checks that such a member is refused)
    harness.vote(&late, id, Vote::Yes).unwrap();
    assert_eq!(harness.membership.borrow().smart_queries, 1);
}
