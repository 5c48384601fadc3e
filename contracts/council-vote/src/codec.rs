//! The compact binary form of the two entries a ballot writes (the proposal's state and the
//! ballot record): at 30 gas a stored byte, JSON's digits, commas and base64 cost a third
//! more than these bytes. Unsigned LEB128 varints; decoding refuses what it did not write.

use cosmwasm_std::{StdError, StdResult};

pub fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads bytes off the front of a stored value.
pub struct Reader<'a> {
    bytes: &'a [u8],
    what: &'static str,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8], what: &'static str) -> Self {
        Reader { bytes, what }
    }

    fn corrupt(&self) -> StdError {
        StdError::msg(format!("corrupt {}", self.what))
    }

    pub fn byte(&mut self) -> StdResult<u8> {
        let (&first, rest) = self.bytes.split_first().ok_or_else(|| self.corrupt())?;
        self.bytes = rest;
        Ok(first)
    }

    pub fn varint(&mut self) -> StdResult<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            let bits = u64::from(byte & 0x7f);
            if shift == 63 && bits > 1 {
                return Err(self.corrupt());
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(self.corrupt())
    }

    pub fn array<const N: usize>(&mut self) -> StdResult<[u8; N]> {
        if self.bytes.len() < N {
            return Err(self.corrupt());
        }
        let (head, rest) = self.bytes.split_at(N);
        self.bytes = rest;
        head.try_into().map_err(|_| self.corrupt())
    }

    /// Nothing may be left over.
    pub fn finish(self) -> StdResult<()> {
        if self.bytes.is_empty() {
            Ok(())
        } else {
            Err(self.corrupt())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn varints_round_trip(values in proptest::collection::vec(any::<u64>(), 0..8)) {
            let mut bytes = vec![];
            for v in &values {
                put_varint(&mut bytes, *v);
            }
            let mut reader = Reader::new(&bytes, "test");
            for v in &values {
                prop_assert_eq!(reader.varint().unwrap(), *v);
            }
            prop_assert!(reader.finish().is_ok());
        }
    }

    #[test]
    fn the_tenth_byte_holds_one_bit() {
        // u64::MAX and 2^63 end in a tenth byte of 1; a 2 there is past 64 bits
        let mut max = vec![];
        put_varint(&mut max, u64::MAX);
        assert_eq!(max, [vec![0xff; 9], vec![1]].concat());
        assert_eq!(Reader::new(&max, "x").varint().unwrap(), u64::MAX);
        let top = [vec![0x80; 9], vec![1]].concat();
        assert_eq!(Reader::new(&top, "x").varint().unwrap(), 1 << 63);
        for tenth in [2u8, 3, 0x7f] {
            let bytes = [vec![0xff; 9], vec![tenth]].concat();
            assert!(Reader::new(&bytes, "x").varint().is_err(), "{tenth}");
        }
        // a one at bit 63 of an earlier shift is fine: only the tenth byte is capped
        assert_eq!(Reader::new(&[0x7f], "x").varint().unwrap(), 0x7f);
    }

    #[test]
    fn small_numbers_take_one_byte_and_garbage_is_refused() {
        let mut bytes = vec![];
        put_varint(&mut bytes, 127);
        put_varint(&mut bytes, 128);
        assert_eq!(bytes, vec![127, 0x80, 1]);
        assert!(Reader::new(&[0x80], "x").varint().is_err());
        assert!(Reader::new(&[0xff; 11], "x").varint().is_err());
        assert!(Reader::new(&[1, 2], "x").finish().is_err());
        assert!(Reader::new(&[1], "x").array::<2>().is_err());
    }
}
