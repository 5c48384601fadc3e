//! A voter's ballot record: what the tally needs and where its log event is, two bytes.

use berty_interface::council_vote::Vote;
use berty_interface::College;
use cosmwasm_std::{Addr, Order, StdError, StdResult, Storage};

use crate::codec::{put_varint, Reader};
use crate::proposal::id_bytes;

/// A voter's newest ballot (with revoting), as stored: what the tally needs (college and
/// vote) and where the rest is, the `seq` of its ballots-log event (whose `pubkey`,
/// `data.signature` and `height` the `ballot` answer shows). The rationale text, when
/// there is one, has its own entry (`RATIONALES`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ballot {
    pub college: College,
    pub vote: Vote,
    pub has_rationale: bool,
    pub seq: u64,
}

impl Ballot {
    /// One byte (college in bit 0, vote in bits 1–2, rationale in bit 3), then `seq`.
    fn encode(&self) -> Vec<u8> {
        let college = match self.college {
            College::Activists => 0,
            College::Technologists => 1,
        };
        let vote = match self.vote {
            Vote::Yes => 0,
            Vote::No => 1,
            Vote::Abstain => 2,
        };
        let flags = college | vote << 1 | u8::from(self.has_rationale) << 3;
        let mut out = vec![flags];
        put_varint(&mut out, self.seq);
        out
    }

    fn decode(bytes: &[u8]) -> StdResult<Ballot> {
        let mut r = Reader::new(bytes, "ballot");
        let flags = r.byte()?;
        if flags >> 4 != 0 {
            return Err(StdError::msg("corrupt ballot: unknown flag"));
        }
        let vote = match (flags >> 1) & 0b11 {
            0 => Vote::Yes,
            1 => Vote::No,
            2 => Vote::Abstain,
            code => return Err(StdError::msg(format!("corrupt ballot: vote code {code}"))),
        };
        let college = if flags & 1 == 0 {
            College::Activists
        } else {
            College::Technologists
        };
        let seq = r.varint()?;
        r.finish()?;
        Ok(Ballot {
            college,
            vote,
            has_rationale: flags & 0b1000 != 0,
            seq,
        })
    }
}

/// `b [id length][id] <voter>`: a proposal's ballots are one range, in voter order.
fn ballots_prefix(id: u64) -> Vec<u8> {
    [b"b".as_slice(), &id_bytes(id)].concat()
}

pub fn load_ballot(store: &dyn Storage, id: u64, voter: &Addr) -> StdResult<Option<Ballot>> {
    let key = [ballots_prefix(id), voter.as_bytes().to_vec()].concat();
    store
        .get(&key)
        .map(|bytes| Ballot::decode(&bytes))
        .transpose()
}

pub fn save_ballot(store: &mut dyn Storage, id: u64, voter: &Addr, ballot: &Ballot) {
    let key = [ballots_prefix(id), voter.as_bytes().to_vec()].concat();
    store.set(&key, &ballot.encode());
}

/// At most `limit` ballots of the proposal, by voter address, after `start_after`.
pub fn ballots_page(
    store: &dyn Storage,
    id: u64,
    start_after: Option<&Addr>,
    limit: usize,
) -> StdResult<Vec<(Addr, Ballot)>> {
    let prefix = ballots_prefix(id);
    // addresses are ASCII: 0xff is past every one of them; `\0` right after one excludes it
    let start = match start_after {
        Some(addr) => [prefix.as_slice(), addr.as_bytes(), &[0]].concat(),
        None => prefix.clone(),
    };
    let end = [prefix.as_slice(), &[0xff]].concat();
    store
        .range(Some(&start), Some(&end), Order::Ascending)
        .take(limit)
        .map(|(key, value)| {
            let voter = String::from_utf8(key[prefix.len()..].to_vec())
                .map_err(|_| StdError::msg("corrupt ballot key"))?;
            Ok((Addr::unchecked(voter), Ballot::decode(&value)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockStorage;

    #[test]
    fn ballots_round_trip_in_two_bytes() {
        for college in College::ALL {
            for vote in Vote::ALL {
                for has_rationale in [false, true] {
                    let ballot = Ballot {
                        college,
                        vote,
                        has_rationale,
                        seq: 5,
                    };
                    let bytes = ballot.encode();
                    assert_eq!(bytes.len(), 2);
                    assert_eq!(Ballot::decode(&bytes).unwrap(), ballot);
                }
            }
        }
        assert!(Ballot::decode(&[0b110, 0]).is_err(), "vote code 3");
        assert!(Ballot::decode(&[0b1_0000, 0]).is_err(), "an unknown flag");
        assert!(Ballot::decode(&[0]).is_err());
    }

    #[test]
    fn ballots_page_by_voter_within_their_proposal() {
        let mut store = MockStorage::new();
        let ballot = |seq| Ballot {
            college: College::Activists,
            vote: Vote::Yes,
            has_rationale: false,
            seq,
        };
        let (a, b, c) = (
            Addr::unchecked("addr_a"),
            Addr::unchecked("addr_b"),
            Addr::unchecked("addr_c"),
        );
        save_ballot(&mut store, 1, &b, &ballot(1));
        save_ballot(&mut store, 1, &a, &ballot(0));
        save_ballot(&mut store, 256, &c, &ballot(0));
        save_ballot(&mut store, 2, &c, &ballot(0));
        let voters = |page: Vec<(Addr, Ballot)>| page.into_iter().map(|(v, _)| v).collect();
        let all: Vec<Addr> = voters(ballots_page(&store, 1, None, 10).unwrap());
        assert_eq!(all, vec![a.clone(), b.clone()]);
        let after: Vec<Addr> = voters(ballots_page(&store, 1, Some(&a), 10).unwrap());
        assert_eq!(after, vec![b.clone()]);
        assert_eq!(ballots_page(&store, 1, None, 1).unwrap().len(), 1);
        let far: Vec<Addr> = voters(ballots_page(&store, 256, None, 10).unwrap());
        assert_eq!(far, vec![c.clone()]);
        assert_eq!(load_ballot(&store, 1, &b).unwrap(), Some(ballot(1)));
        assert_eq!(load_ballot(&store, 3, &b).unwrap(), None);
    }
}
