//! The local state of an oracle's sealed attestations (`*.pacta-state.json`): for each party and
//! period its reading, the salt (32 bytes from the operating system's CSPRNG) and the
//! commitment. It is what `attest reveal` reveals, so it is written, flushed to disk and
//! renamed into place *before* any commitment is submitted: an interrupted import never leaves a
//! commitment on chain whose salt is lost. It holds secrets until the reveal: readable by its
//! owner only (mode 0600).

use std::{
	fs,
	io::Write,
	os::unix::fs::OpenOptionsExt,
	path::{Path, PathBuf},
};

use pacta_primitives::{PartyCode, Reading};
use serde::{Deserialize, Serialize};
use subxt::utils::{AccountId32, H256};

use crate::Result;

/// The format of the file.
pub const FORMAT: u32 = 1;

/// One sealed attestation.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
	/// The party.
	pub code: String,
	/// The period.
	pub period: u32,
	/// Measured emissions, tonnes CO2e.
	pub tonnes: u64,
	/// The uncertainty half-width, tonnes.
	pub half_width: u64,
	/// The evidence hash.
	pub evidence: H256,
	/// The salt (secret until the reveal).
	pub salt: H256,
	/// `pacta_primitives::commitment` of the above for the oracle.
	pub commitment: H256,
}

impl Entry {
	/// A new entry with a fresh salt.
	pub fn seal(
		oracle: &AccountId32,
		code: &str,
		period: u32,
		tonnes: u64,
		half_width: u64,
		evidence: H256,
	) -> Result<Entry> {
		let mut salt = [0u8; 32];
		getrandom::getrandom(&mut salt)
			.map_err(|e| format!("the operating system gave no random salt: {e}"))?;
		let mut entry = Entry {
			code: code.to_string(),
			period,
			tonnes,
			half_width,
			evidence,
			salt: H256(salt),
			commitment: H256::zero(),
		};
		entry.commitment = entry.expected_commitment(oracle)?;
		Ok(entry)
	}

	/// The commitment these fields give for `oracle`.
	pub fn expected_commitment(&self, oracle: &AccountId32) -> Result<H256> {
		let code = PartyCode::try_from(self.code.as_str())
			.map_err(|_| format!("{:?} is not a party code", self.code))?;
		let reading =
			Reading { tonnes: self.tonnes, half_width: self.half_width, evidence: self.evidence.0 };
		let oracle = sp_runtime::AccountId32::new(oracle.0);
		Ok(H256(pacta_primitives::commitment(self.period, &code, &oracle, &reading, &self.salt.0)))
	}

	/// Whether this entry seals the same reading.
	pub fn same_reading(&self, tonnes: u64, half_width: u64, evidence: H256) -> bool {
		(self.tonnes, self.half_width, self.evidence) == (tonnes, half_width, evidence)
	}
}

/// The state file.
#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct State {
	/// [`FORMAT`].
	pub pacta_state: u32,
	/// The chain (its genesis hash).
	pub genesis_hash: H256,
	/// The oracle whose attestations these are (with `--as`, the proxied oracle).
	pub oracle: AccountId32,
	/// The sealed attestations.
	pub entries: Vec<Entry>,
}

impl State {
	/// The state at `path`, or `None` if there is no file.
	pub fn load(path: &Path) -> Result<Option<State>> {
		let text = match fs::read_to_string(path) {
			Ok(text) => text,
			Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
			Err(e) => return Err(format!("cannot read {}: {e}", path.display()).into()),
		};
		let state: State = serde_json::from_str(&text)
			.map_err(|e| format!("{} is not a pacta state file: {e}", path.display()))?;
		if state.pacta_state != FORMAT {
			return Err(format!(
				"{} has state format {}, this pacta reads {FORMAT}",
				path.display(),
				state.pacta_state
			)
			.into());
		}
		Ok(Some(state))
	}

	/// The entry for a party and period.
	pub fn find(&self, code: &str, period: u32) -> Option<&Entry> {
		self.entries.iter().find(|e| e.code == code && e.period == period)
	}

	/// Adds or replaces the entry for its party and period.
	pub fn put(&mut self, entry: Entry) {
		match self.entries.iter_mut().find(|e| e.code == entry.code && e.period == entry.period) {
			Some(old) => *old = entry,
			None => self.entries.push(entry),
		}
	}

	/// Writes the state: to a temporary file (mode 0600), flushed to disk, then renamed over
	/// `path`, so the file is always either the old state or the new one.
	pub fn save(&self, path: &Path) -> Result<()> {
		let tmp = PathBuf::from(format!("{}.tmp", path.display()));
		let text = serde_json::to_string_pretty(self)? + "\n";
		let mut file = fs::OpenOptions::new()
			.write(true)
			.create(true)
			.truncate(true)
			.mode(0o600)
			.open(&tmp)
			.map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
		file.write_all(text.as_bytes())?;
		file.sync_all()?;
		fs::rename(&tmp, path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
		if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
			if let Ok(dir) = fs::File::open(dir) {
				let _ = dir.sync_all();
			}
		}
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn sealing_matches_the_primitives_and_salts_differ() {
		let oracle = AccountId32([7; 32]);
		let a = Entry::seal(&oracle, "DEU", 2030, 1_000, 50, H256([1; 32])).unwrap();
		let b = Entry::seal(&oracle, "DEU", 2030, 1_000, 50, H256([1; 32])).unwrap();
		assert_ne!(a.salt, b.salt, "a fresh salt each time");
		assert_ne!(a.commitment, b.commitment);
		assert_eq!(a.expected_commitment(&oracle).unwrap(), a.commitment);
		assert_ne!(a.expected_commitment(&AccountId32([8; 32])).unwrap(), a.commitment);

		let dir = std::env::temp_dir().join(format!("pacta-state-test-{}", std::process::id()));
		fs::create_dir_all(&dir).unwrap();
		let path = dir.join("s.json");
		let mut state =
			State { pacta_state: FORMAT, genesis_hash: H256([9; 32]), oracle, entries: vec![] };
		state.put(a.clone());
		state.put(b.clone());
		assert_eq!(state.entries, vec![b.clone()], "one entry per party and period");
		state.save(&path).unwrap();
		use std::os::unix::fs::PermissionsExt;
		assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
		let loaded = State::load(&path).unwrap().unwrap();
		assert_eq!(loaded.find("DEU", 2030), Some(&b));
		assert!(State::load(&dir.join("missing.json")).unwrap().is_none());
		fs::remove_dir_all(&dir).unwrap();
	}
}
