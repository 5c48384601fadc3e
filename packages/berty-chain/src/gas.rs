//! Gas as wasmd charges it, in Cosmos SDK gas units, split by what it pays for.
//!
//! Sources (each constant below names its own):
//! - wasmd `x/wasm/types/gas_register.go` (wasmd 0.60, wasmvm v3): the VM-gas multiplier,
//!   the instance (setup) cost, the event costs.
//! - wasmd `x/wasm/keeper/api.go`: the address conversion costs and the JSON deserialization
//!   cost of a contract's result (applied by wasmvm's `DeserializeResponse`).
//! - cosmos-sdk `store/types/gas.go` `KVGasConfig()` and `store/gaskv/store.go`: storage gas,
//!   charged on the full key, i.e. with wasmd's contract-store prefix
//!   (`x/wasm/types/keys.go` `GetContractStorePrefix`: `0x03 ‖ contract address`).

use std::fmt;
use std::ops::AddAssign;

use cosmwasm_std::{Attribute, Event};

/// wasmd `DefaultGasMultiplier`: CosmWasm (VM) gas points per SDK gas point. It was
/// 140_000_000 up to CosmWasm 1.x; CosmWasm 2.0 divided VM gas by 1000 (cosmwasm#1884) and
/// wasmd followed with 140_000.
pub const GAS_MULTIPLIER: u64 = 140_000;
/// wasmd `DefaultInstanceCost`: SDK gas for loading a contract instance that is not pinned.
pub const INSTANCE_COST: u64 = 60_000;
/// wasmd `DefaultInstanceCostDiscount`: loading an instance assumed cached (a reply to a
/// contract that just ran, or pinned code).
pub const INSTANCE_COST_DISCOUNT: u64 = 2_000;
/// wasmd `DefaultCompileCost`: SDK gas per byte of stored wasm code.
pub const COMPILE_COST_PER_BYTE: u64 = 3;
/// wasmd `DefaultEventAttributeDataCost`: SDK gas per byte of event attribute keys and values.
pub const EVENT_ATTRIBUTE_DATA_COST: u64 = 1;
/// wasmd `DefaultPerAttributeCost`.
pub const EVENT_PER_ATTRIBUTE_COST: u64 = 10;
/// wasmd `DefaultPerCustomEventCost`.
pub const EVENT_PER_CUSTOM_EVENT_COST: u64 = 20;
/// wasmd `DefaultEventAttributeDataFreeTier`: attribute bytes of one response not charged.
pub const EVENT_ATTRIBUTE_DATA_FREE_TIER: u64 = 100;
/// wasmd `api.go` `DefaultDeserializationCostPerByte`: SDK gas per byte of a contract's
/// result JSON (wasmvm `DeserializeResponse` adds it to the VM gas).
pub const DESERIALIZATION_COST_PER_BYTE: u64 = 1;
/// wasmd `api.go` `DefaultGasCostHumanAddress` (SDK gas; the VM is charged it × multiplier).
pub const HUMANIZE_COST: u64 = 5;
/// wasmd `api.go` `DefaultGasCostCanonicalAddress`.
pub const CANONICALIZE_COST: u64 = 4;
/// wasmd `api.go` `DefaultGasCostValidateAddress` = humanize + canonicalize.
pub const VALIDATE_COST: u64 = HUMANIZE_COST + CANONICALIZE_COST;

/// cosmos-sdk `store/types/gas.go` `KVGasConfig()`.
pub mod kv {
    pub const HAS_COST: u64 = 1_000;
    pub const DELETE_COST: u64 = 1_000;
    pub const READ_COST_FLAT: u64 = 1_000;
    pub const READ_COST_PER_BYTE: u64 = 3;
    pub const WRITE_COST_FLAT: u64 = 2_000;
    pub const WRITE_COST_PER_BYTE: u64 = 30;
    pub const ITER_NEXT_COST_FLAT: u64 = 30;

    /// `gaskv.Store.Get`: flat, plus per byte of the full key and of the value read
    /// (0 bytes when absent).
    pub const fn read(full_key_len: usize, value_len: usize) -> u64 {
        READ_COST_FLAT + READ_COST_PER_BYTE * (full_key_len + value_len) as u64
    }

    /// `gaskv.Store.Set`: flat, plus per byte of the full key and of the value.
    pub const fn write(full_key_len: usize, value_len: usize) -> u64 {
        WRITE_COST_FLAT + WRITE_COST_PER_BYTE * (full_key_len + value_len) as u64
    }

    /// `gasIterator.consumeSeekGas`: flat, plus per byte of the entry under the cursor, if any.
    /// Charged once when an iterator is created and once on every `Next` (for the entry it
    /// moves past), so the first entry is paid twice.
    pub const fn seek(entry: Option<(usize, usize)>) -> u64 {
        let bytes = match entry {
            Some((k, v)) => (k + v) as u64,
            None => 0,
        };
        ITER_NEXT_COST_FLAT + READ_COST_PER_BYTE * bytes
    }
}

/// The ante handler of a wasmd v0.70 node (wasmd `app/ante.go`, cosmos-sdk v0.54
/// `x/auth/ante`), in a delivered transaction with one secp256k1 signer, no memo, no fee
/// and an ordered sequence; what a node's `gas_used` holds besides the message part
/// (`GasUsed::total`). It does not depend on the message, only on the transaction's bytes
/// and the signer's account:
///
/// `ante = 10 × tx bytes + 1,000 + 3 × 1,042 + 1,039 + 2,390 + account reads and writes`
///
/// - `ConsumeTxSizeGasDecorator`: `TxSizeCostPerByte` (10) per byte of the signed
///   transaction;
/// - `SigGasConsumeDecorator`: `SigVerifyCostSecp256k1` (1,000);
/// - the auth params (13 bytes under a 1-byte key) read by `ConsumeTxSize`,
///   `ValidateSigCount` and `SigGasConsume`: 3 × 1,042;
/// - wasmd's `CountTXDecorator`: reads and rewrites the block's transaction counter (12
///   bytes under a 1-byte key): 1,039 + 2,390 (it is skipped in simulation);
/// - the signer's account (`L` bytes under a 21-byte key; `L` = 157 for an account with its
///   key, a number and a sequence of 1 to 127) read by `DeductFee`, `SetPubKey`,
///   `SigGasConsume`, `SigVerification` and `IncrementSequence`, then rewritten with the
///   next sequence by `SetAccount`, which reads the old value, removes and re-adds its
///   `accountNumber` index entry (`Delete`, `Has`, a 21-byte key with the 20-byte address)
///   and writes the account: `5 × (1,000 + 3 × (21 + L)) + 1,000 + 3 × (21 + L) + 1,000 +
///   1,000 + 3,230 + 2,000 + 30 × (21 + L)`. On the account's first transaction
///   `SetPubKey` stores the key first: one more `SetAccount`, and the later reads are of the
///   longer account.
///
/// For `L` = 157 that is `10 × bytes + 29,329`; the first transaction of a funded account
/// costs `10 × bytes + 42,683`.
pub mod ante {
    use super::kv;
    use crate::keeper::account_len;

    pub const TX_SIZE_COST_PER_BYTE: u64 = 10;
    pub const SIG_VERIFY_COST_SECP256K1: u64 = 1_000;
    /// auth `Params`: 13 bytes under key `0x00`.
    const AUTH_PARAMS: u64 = kv::read(1, 13);
    /// wasmd `TXCounterPrefix` (`0x08`): block height and counter, 12 bytes.
    const TX_COUNTER: u64 = kv::read(1, 12) + kv::write(1, 12);
    /// `0x01 ‖ address`.
    const ACCOUNT_KEY: usize = 21;

    /// The signer's account before the transaction, as `query auth account` shows it.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub struct Signer {
        pub address_len: usize,
        pub account_number: u64,
        pub sequence: u64,
        pub has_pubkey: bool,
    }

    fn read(len: usize) -> u64 {
        kv::read(ACCOUNT_KEY, len)
    }

    /// `SetAccount` of an existing account: `old` bytes replaced by `new` bytes.
    fn set_account(old: usize, new: usize) -> u64 {
        read(old)
            + kv::DELETE_COST
            + kv::HAS_COST
            + kv::write("accountNumber".len() + 8, 20)
            + kv::write(ACCOUNT_KEY, new)
    }

    /// The ante handler's gas for a transaction of `tx_bytes` signed by `signer`.
    pub fn gas(tx_bytes: usize, signer: &Signer) -> u64 {
        let Signer {
            address_len,
            account_number,
            sequence,
            has_pubkey,
        } = *signer;
        let before = account_len(address_len, account_number, sequence, has_pubkey);
        let with_key = account_len(address_len, account_number, sequence, true);
        let after = account_len(address_len, account_number, sequence + 1, true);
        let mut gas = TX_SIZE_COST_PER_BYTE * tx_bytes as u64
            + SIG_VERIFY_COST_SECP256K1
            + 3 * AUTH_PARAMS
            + TX_COUNTER;
        gas += 2 * read(before); // DeductFee, SetPubKey
        if !has_pubkey {
            gas += set_account(before, with_key);
        }
        gas += 3 * read(with_key); // SigGasConsume, SigVerification, IncrementSequence
        gas + set_account(with_key, after)
    }
}

/// `SetupContractCost`: what loading an instance costs (message bytes are free by default).
pub fn setup_cost(discount: bool) -> u64 {
    if discount {
        INSTANCE_COST_DISCOUNT
    } else {
        INSTANCE_COST
    }
}

/// `EventCosts(attrs, events)`: a response's attributes and custom events, with the free tier
/// shared by all of them in order.
pub fn event_costs(attributes: &[Attribute], events: &[Event]) -> u64 {
    let (mut gas, mut free) = attribute_costs(attributes, EVENT_ATTRIBUTE_DATA_FREE_TIER);
    for event in events {
        gas += EVENT_PER_CUSTOM_EVENT_COST + event.ty.len() as u64 * EVENT_ATTRIBUTE_DATA_COST;
        let (cost, left) = attribute_costs(&event.attributes, free);
        gas += cost;
        free = left;
    }
    gas
}

/// `eventAttributeCosts`: (gas, free tier left).
fn attribute_costs(attributes: &[Attribute], free_tier: u64) -> (u64, u64) {
    if attributes.is_empty() {
        return (0, free_tier);
    }
    let bytes: u64 = attributes
        .iter()
        .map(|a| (a.key.len() + a.value.len()) as u64)
        .sum();
    let (charged, left) = if bytes <= free_tier {
        (0, free_tier - bytes)
    } else {
        (bytes - free_tier, 0)
    };
    (
        charged * EVENT_ATTRIBUTE_DATA_COST + attributes.len() as u64 * EVENT_PER_ATTRIBUTE_COST,
        left,
    )
}

/// SDK gas of one transaction (or query), by what it paid for. `total()` is what a wasmd
/// chain's gas meter shows for the message part of the transaction; the ante handler's part
/// (signature, transaction bytes, the signer's account) comes on top: [`ante`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
pub struct GasUsed {
    /// Instance loading (`SetupContractCost`, `ReplyCosts`), one per contract call; 2,000
    /// instead of 60,000 for code already loaded in the same transaction.
    pub setup: u64,
    /// The VM's own gas (wasm instructions, host calls, crypto), divided by the multiplier.
    pub vm: u64,
    /// Storage under the SDK KV gas table.
    pub storage: u64,
    /// Event attributes and custom events of the responses.
    pub events: u64,
    /// Result JSON bytes.
    pub deserialization: u64,
    /// wasmd's own records around each call (contract and code info, the pin flag; on
    /// instantiate the contract's account, history and indexes; on upload the code info,
    /// decompression and compilation): `keeper`.
    #[serde(default)]
    pub keeper: u64,
    /// The bank module moving funds (balances, their denom index, the sender's account).
    #[serde(default)]
    pub bank: u64,
    /// Number of contract instances loaded (calls, queries into contracts, replies).
    pub instances: u64,
}

impl GasUsed {
    pub fn total(&self) -> u64 {
        self.setup
            + self.vm
            + self.storage
            + self.events
            + self.deserialization
            + self.keeper
            + self.bank
    }
}

/// JSON: the parts and their `total`.
impl serde::Serialize for GasUsed {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("GasUsed", 9)?;
        s.serialize_field("total", &self.total())?;
        s.serialize_field("setup", &self.setup)?;
        s.serialize_field("vm", &self.vm)?;
        s.serialize_field("storage", &self.storage)?;
        s.serialize_field("events", &self.events)?;
        s.serialize_field("deserialization", &self.deserialization)?;
        s.serialize_field("keeper", &self.keeper)?;
        s.serialize_field("bank", &self.bank)?;
        s.serialize_field("instances", &self.instances)?;
        s.end()
    }
}

impl AddAssign for GasUsed {
    fn add_assign(&mut self, other: Self) {
        self.setup += other.setup;
        self.vm += other.vm;
        self.storage += other.storage;
        self.events += other.events;
        self.deserialization += other.deserialization;
        self.keeper += other.keeper;
        self.bank += other.bank;
        self.instances += other.instances;
    }
}

impl fmt::Display for GasUsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} gas (instances {} × load = {}, vm {}, storage {}, events {}, results {}, keeper {}, bank {})",
            self.total(),
            self.instances,
            self.setup,
            self.vm,
            self.storage,
            self.events,
            self.deserialization,
            self.keeper,
            self.bank
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kv_costs_follow_the_sdk_table() {
        // A 10-byte value under a 1 + 32 + 5 byte key.
        assert_eq!(kv::read(38, 10), 1_000 + 3 * 48);
        assert_eq!(kv::read(38, 0), 1_000 + 3 * 38);
        assert_eq!(kv::write(38, 10), 2_000 + 30 * 48);
        assert_eq!(kv::seek(None), 30);
        assert_eq!(kv::seek(Some((38, 10))), 30 + 3 * 48);
    }

    #[test]
    fn event_costs_apply_one_free_tier_across_attributes_and_events() {
        // 60 bytes of attributes: inside the free tier, only the count is charged.
        let attrs = vec![Attribute::new("action", "x".repeat(54))];
        assert_eq!(event_costs(&attrs, &[]), 10);
        // A custom event with 60 more bytes: 20 over the tier.
        let event = Event::new("ballot").add_attribute("voter", "y".repeat(55));
        assert_eq!(event_costs(&attrs, &[event]), 10 + 20 + 6 + 20 + 10);
        assert_eq!(event_costs(&[], &[]), 0);
    }

    // Measured on wasmd v0.70.3: transactions whose message part is one read of 1,099 gas
    // (an execute of a contract that does not exist), 322 and 320 bytes long.
    #[test]
    fn the_ante_formula_is_what_a_node_charges() {
        let signer = |account_number, sequence, has_pubkey| ante::Signer {
            address_len: 43,
            account_number,
            sequence,
            has_pubkey,
        };
        assert_eq!(ante::gas(322, &signer(9, 2, true)) + 1_099, 33_648);
        assert_eq!(ante::gas(320, &signer(9, 0, false)) + 1_099, 46_982);
        assert_eq!(ante::gas(322, &signer(0, 5, true)) + 1_099, 33_552);
        assert_eq!(ante::gas(0, &signer(9, 2, true)), 29_329);
    }

    #[test]
    fn setup_cost_is_discounted_for_cached_instances() {
        assert_eq!(setup_cost(false), 60_000);
        assert_eq!(setup_cost(true), 2_000);
    }

    #[test]
    fn total_adds_every_part_but_not_the_instance_count() {
        let gas = GasUsed {
            setup: 1,
            vm: 2,
            storage: 3,
            events: 4,
            deserialization: 5,
            keeper: 6,
            bank: 7,
            instances: 100,
        };
        assert_eq!(gas.total(), 28);
    }
}
