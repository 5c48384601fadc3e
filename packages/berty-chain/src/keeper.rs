//! What a wasmd node reads and writes besides a contract's own storage: the x/wasm keeper's
//! records around every call, upload and instantiation, and the bank module's when funds
//! move. They sit in the same gas-metered stores, so they cost SDK gas by the same KV table
//! (`gas::kv`), on the lengths their protobuf encodings have. Before this module the embedded
//! chain left them out, and a node charged 4,000 to 120,000 more per message than it said.
//!
//! Sources (wasmd v0.70.3, cosmos-sdk v0.54.0, collections v1.4.0, as pinned in
//! `localnet/go.mod`):
//! - `x/wasm/keeper/keeper.go`: `contractInstance` (contract info `0x02 ‖ addr`, code info
//!   `0x01 ‖ code id`), `IsPinnedCode` (a `Has` of `0x07 ‖ code id`), `execute`, `QuerySmart`,
//!   `reply`, `instantiate` (account, history `0x05`, indexes `0x06`, `0x09`), `create`
//!   (params `0x10`, code id sequence `0x04 lastCodeId`, code info), `checkDiscountEligibility`;
//!   `x/wasm/types/keys.go`, `types.proto`.
//! - `x/auth/keeper`: accounts under `0x01 ‖ addr`, unique index `accountNumber ‖ number`;
//!   `NextAccountNumber` derives the number (no sequence in the store).
//! - `x/bank/keeper/send.go`: `SendCoins` (`subUnlockedCoins`, `addCoins`,
//!   `ensureAccountCreated`), `IsSendEnabledCoins` (params `0x05`, `SendEnabled` `0x04`);
//!   balances under `0x02 ‖ len ‖ addr ‖ denom` with a reverse index `0x03 ‖ denom 0x00 ‖ addr`,
//!   amounts stored as decimal text.

use crate::gas::kv;

/// protobuf: bytes of `n` as a varint.
pub const fn varint_len(mut n: u64) -> usize {
    let mut len = 1;
    while n >= 0x80 {
        n >>= 7;
        len += 1;
    }
    len
}

/// protobuf: a length-delimited field (field number below 16) holding `len` bytes.
pub const fn bytes_field(len: usize) -> usize {
    1 + varint_len(len as u64) + len
}

/// protobuf: a varint field, absent when zero.
pub const fn uint_field(n: u64) -> usize {
    if n == 0 {
        0
    } else {
        1 + varint_len(n)
    }
}

/// The bech32 prefix the node's addresses carry (`wasm`), for the IBC v2 port id.
const PREFIX_LEN: usize = 4;
/// `cosmos.auth.v1beta1.BaseAccount`'s type URL, as an `Any` stores it.
const BASE_ACCOUNT_TYPE_URL: usize = "/cosmos.auth.v1beta1.BaseAccount".len();
/// A secp256k1 public key as an `Any` inside an account: type URL and the 33-byte key.
const SECP256K1_PUBKEY_ANY: usize =
    bytes_field("/cosmos.crypto.secp256k1.PubKey".len()) + bytes_field(bytes_field(33));

/// A `BaseAccount` as the account store holds it (an `Any`).
pub fn account_len(
    address_len: usize,
    account_number: u64,
    sequence: u64,
    has_pubkey: bool,
) -> usize {
    let base = bytes_field(address_len)
        + if has_pubkey {
            bytes_field(SECP256K1_PUBKEY_ANY)
        } else {
            0
        }
        + uint_field(account_number)
        + uint_field(sequence);
    bytes_field(BASE_ACCOUNT_TYPE_URL) + bytes_field(base)
}

/// A user's account as the embedded chain assumes it: a 43-character address, an account
/// number and a sequence of 1 to 127, a secp256k1 key (157 bytes; the node's first genesis
/// account, number 0, has 155).
pub const USER_ACCOUNT_LEN: usize = 157;

/// A contract's account: wasmd creates it at instantiation; `NextAccountNumber` derives a
/// 64-bit number (10 varint bytes for half of all addresses, 9 for most others).
pub fn contract_account_len(address_len: usize) -> usize {
    account_len(address_len, u64::MAX, 0, false)
}

/// `ContractInfo` (wasmd `types.proto`) of a contract instantiated at `height`, alone in its
/// block (`created.tx_index` 0), without IBC v1 entry points (no `ibc_port_id`), with the
/// IBC v2 port id every contract gets (`wasm2` ‖ the address without its prefix).
pub fn contract_info_len(
    code_id: u64,
    creator: &str,
    admin: Option<&str>,
    label: &str,
    height: u64,
    address: &str,
) -> usize {
    uint_field(code_id)
        + bytes_field(creator.len())
        + admin.map_or(0, |a| bytes_field(a.len()))
        + bytes_field(label.len())
        + bytes_field(uint_field(height))
        + bytes_field("wasm2".len() + address.len() - PREFIX_LEN)
}

/// `CodeInfo`: the checksum, the creator, an `Everybody` instantiate permission.
pub fn code_info_len(creator: &str) -> usize {
    bytes_field(32) + bytes_field(creator.len()) + bytes_field(uint_field(3))
}

/// `0x02 ‖ canonical address`.
fn contract_key(canonical_len: usize) -> usize {
    1 + canonical_len
}

/// `0x01 ‖ code id (8 bytes)`, also `0x07 ‖ code id` (pinned flag).
const CODE_KEY: usize = 1 + 8;

/// `contractInstance`: the contract's info and its code's info, read before every execute,
/// smart query and reply.
pub fn contract_instance(canonical_len: usize, contract_info: usize, code_info: usize) -> u64 {
    kv::read(contract_key(canonical_len), contract_info) + kv::read(CODE_KEY, code_info)
}

/// `IsPinnedCode`: one `Has` before every execute, instantiate and smart query.
pub const PINNED_FLAG: u64 = kv::HAS_COST;

/// An account read (`0x01 ‖ address` in the auth store).
fn account_read(canonical_len: usize, len: usize) -> u64 {
    kv::read(1 + canonical_len, len)
}

/// `SetAccount` of an account that did not exist: the lazy read of the old value (absent),
/// the unique account-number index (`Has`, then `accountNumber ‖ number` → address), the
/// account itself.
fn new_account(canonical_len: usize, len: usize) -> u64 {
    account_read(canonical_len, 0)
        + kv::HAS_COST
        + kv::write("accountNumber".len() + 8, canonical_len)
        + kv::write(1 + canonical_len, len)
}

/// A contract being instantiated, as the keeper's records see it.
pub struct Instantiation {
    /// Bytes of the contract's canonical address (32).
    pub canonical_len: usize,
    /// Bytes of the creator's canonical address (20 for a key).
    pub creator_canonical_len: usize,
    /// Its code's `CodeInfo` and its own `ContractInfo`.
    pub code_info: usize,
    pub contract_info: usize,
    pub code_id: u64,
    pub height: u64,
    /// Characters of its bech32 address.
    pub address_len: usize,
    /// Bytes of the init message (the first history entry stores it).
    pub msg_len: usize,
}

/// The keeper's part of `instantiate` (setup and the VM are charged apart): the code info,
/// the pin flag, the address check, the contract's new account, then after the VM the two
/// secondary indexes, the first history entry (`msg` included: the init message is stored)
/// and the contract info.
pub fn instantiate(i: &Instantiation) -> u64 {
    let position = 16; // AbsoluteTxPosition.Bytes(): height and tx index, 8 bytes each
    let history_entry = uint_field(1) // operation: Init
        + uint_field(i.code_id)
        + bytes_field(bytes_field(uint_field(i.height)))
        + bytes_field(i.msg_len);
    let canonical_len = i.canonical_len;
    kv::read(CODE_KEY, i.code_info)
        + PINNED_FLAG
        + kv::HAS_COST // HasContractInfo
        + account_read(canonical_len, 0) // GetAccount: none yet
        + new_account(canonical_len, contract_account_len(i.address_len))
        + kv::write(1 + 8 + position + canonical_len, 0) // by code id and creation
        + kv::write(1 + 1 + i.creator_canonical_len + position + canonical_len, 0) // by creator
        + kv::seek(None) // the history's last position: none
        + kv::write(1 + canonical_len + 8, history_entry)
        + kv::write(contract_key(canonical_len), i.contract_info)
}

/// wasmd `DefaultPerByteUncompressCost`: 0.15 SDK gas per byte of the gzipped upload.
pub fn uncompress(gzipped_len: usize) -> u64 {
    (gzipped_len as u64 * 15) / 100
}

/// The length of `wasm` gzipped as the wasmd CLI sends it (`ioutils.GzipIt`: Go's
/// `compress/gzip` at its default level, 6; another deflate at that level differs by a few
/// hundred bytes, a few dozen gas).
pub fn gzipped_len(wasm: &[u8]) -> usize {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    encoder.write_all(wasm).expect("gzip into memory");
    encoder.finish().expect("gzip into memory").len()
}

/// wasm `Params` (`0x10`): upload and instantiate permissions `Everybody`, 6 bytes.
const WASM_PARAMS: usize = 6;
/// `0x04 ‖ "lastCodeId"`.
const CODE_SEQUENCE_KEY: usize = 1 + "lastCodeId".len();

/// The keeper's part of `create` besides decompression and compilation: the params (read
/// for the instantiate and the upload permissions), the code id sequence, the code info.
pub fn store_code(code_id: u64, code_info: usize) -> u64 {
    let previous = if code_id > 1 { 8 } else { 0 };
    2 * kv::read(1, WASM_PARAMS)
        + kv::read(CODE_SEQUENCE_KEY, previous)
        + kv::write(CODE_SEQUENCE_KEY, 8)
        + kv::write(CODE_KEY, code_info)
}

/// One side of a transfer: an account's balance of a denom, before and after.
pub struct BalanceChange<'a> {
    pub canonical_len: usize,
    pub denom: &'a str,
    pub before: u128,
    pub after: u128,
}

fn decimal_len(amount: u128) -> usize {
    amount.to_string().len()
}

impl BalanceChange<'_> {
    /// `0x02 ‖ len ‖ address ‖ denom`.
    fn key(&self) -> usize {
        1 + 1 + self.canonical_len + self.denom.len()
    }

    /// `GetBalance`, then `UncheckedSetBalance`: the new amount and its reverse index entry
    /// (`0x03 ‖ denom 0x00 ‖ address`), or both removed at zero.
    fn gas(&self) -> u64 {
        let read = kv::read(
            self.key(),
            if self.before == 0 {
                0
            } else {
                decimal_len(self.before)
            },
        );
        let set = if self.after == 0 {
            2 * kv::DELETE_COST
        } else {
            kv::write(1 + self.denom.len() + 1 + self.canonical_len, 0)
                + kv::write(self.key(), decimal_len(self.after))
        };
        read + set
    }
}

/// bank `Params` (`0x05`): `default_send_enabled`, 2 bytes.
const BANK_PARAMS: usize = 2;

/// `SendCoins` of one denom as wasmd's `TransferCoins` (funds sent with a message) and the
/// bank `MsgSend` handler (a contract's `BankMsg::Send`) run it: send-enabled checks, the
/// sender's account (`LockedCoins`), both balances, the recipient's account (`HasAccount`,
/// or a new account when it has none).
pub fn send(
    from: &BalanceChange,
    from_account_len: usize,
    to: &BalanceChange,
    to_has_account: bool,
    to_address_len: usize,
) -> u64 {
    let creation = if to_has_account {
        0
    } else {
        new_account(
            to.canonical_len,
            account_len(to_address_len, u64::MAX, 0, false),
        )
    };
    kv::read(1, BANK_PARAMS)
        + kv::HAS_COST // SendEnabled of the denom
        + account_read(from.canonical_len, from_account_len)
        + from.gas()
        + to.gas()
        + kv::HAS_COST // HasAccount
        + creation
}

#[cfg(test)]
mod tests {
    use super::*;

    // Lengths read back from a wasmd v0.70.3 node (`abci_query` of the keys) for the demo's
    // deployment: alice (number 0) and spare-1 (number 9, sequence 3) with their keys; the
    // membership contract (code 1, instantiated at height 52).
    #[test]
    fn record_lengths_are_those_a_node_stores() {
        assert_eq!(account_len(43, 9, 3, true), 157);
        assert_eq!(account_len(43, 0, 8, true), 155);
        assert_eq!(account_len(43, 9, 0, false), 83);
        let deployer = "wasm1hef7hwzapr5za7veg4wqsvthf2psv3sxx2drvn";
        let membership = "wasm15ha0s6yrcp5ujrj5xrqvdw8qq3snw6ccwcsv6a7j48q0c5dgryvq69dfdj";
        let council = "wasm104l3gxgwrsfy7t5r2sne2krr3pp99ejdupcjzav3cv8wdljknyaqtv5mt2";
        assert_eq!(
            contract_info_len(
                1,
                deployer,
                Some(council),
                "berty-dao membership",
                52,
                membership
            ),
            204
        );
        assert_eq!(code_info_len(deployer), 83);
    }

    #[test]
    fn varints_and_fields() {
        assert_eq!(varint_len(0), 1);
        assert_eq!(varint_len(127), 1);
        assert_eq!(varint_len(128), 2);
        assert_eq!(varint_len(u64::MAX), 10);
        assert_eq!(bytes_field(43), 45);
        assert_eq!(bytes_field(200), 203);
        assert_eq!(uint_field(0), 0);
        assert_eq!(uint_field(52), 2);
    }
}
