//! Random ballots on a release vote: whatever the Council votes, the release contract
//! follows the council's decision, and the offline verifier, from the bundle alone,
//! re-derives the same tally and outcome the chain recorded.

use berty_interface::council_vote::{ProposalStatus, Vote};
use berty_interface::release::ReleaseStatus;
use berty_testing::dao::Dao;
use proptest::prelude::*;

use crate::bundle::{check, export};

const VOTERS: [&str; 6] = [
    "activist0",
    "activist1",
    "activist2",
    "technologist0",
    "technologist1",
    "technologist2",
];

fn ballot() -> impl Strategy<Value = Option<Vote>> {
    prop_oneof![
        Just(None),
        Just(Some(Vote::Yes)),
        Just(Some(Vote::No)),
        Just(Some(Vote::Abstain)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn the_verifier_rederives_what_the_chain_decided(ballots in proptest::collection::vec(ballot(), 6)) {
        let mut dao = Dao::new();
        let (id, proposal_id) = dao.submitted_release("5.0.0");
        dao.next_block();
        for (voter, ballot) in VOTERS.iter().zip(&ballots) {
            if let Some(vote) = ballot {
                if dao.proposal(proposal_id).status != ProposalStatus::Open {
                    break;
                }
                dao.vote(voter, proposal_id, *vote).unwrap();
            }
        }
        if dao.proposal(proposal_id).status == ProposalStatus::Open {
            dao.advance(dao.proposal(proposal_id).rules.voting_period);
        }
        dao.close(proposal_id).unwrap();
        let proposal = dao.proposal(proposal_id);
        let passed = proposal.status == ProposalStatus::Passed;
        let expected = if passed { ReleaseStatus::Approved } else { ReleaseStatus::Auditing };
        prop_assert_eq!(dao.release_info(&id).status, expected);

        let verified = check(&export(&dao, &id), &[]).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let vote = &verified.votes[0];
        prop_assert_eq!(vote.tally, proposal.tally);
        prop_assert_eq!(vote.recorded, Some(passed));
        prop_assert_eq!(&vote.ballots_log, &proposal.ballots_log);
    }
}
