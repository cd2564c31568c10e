// Region names the AWS SDK knows, from its own partition data (partitions.json of util-endpoints, shipped in
// @aws-sdk/core): a misspelled --region is reported with the closest real one instead of failing on DNS later.
import { partition } from "@aws-sdk/core/client";
import { editDistance } from "../util/edit-distance.js";

// The SDK exports only `partition(region)`, whose answer carries a `description` just for the regions listed in its
// data; asking it about every name of the region grammar (prefix-direction-number) recovers that list.
const PREFIXES = ["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx", "cn", "us-gov", "us-iso", "us-isob", "us-isof", "eu-isoe", "eusc-de"];
const DIRECTIONS = ["east", "west", "north", "south", "central", "northeast", "northwest", "southeast", "southwest"];

/** Whether the SDK's partition data lists `region` (pseudo-regions such as aws-global excluded). */
export function isKnownRegion(region: string): boolean {
  // the SDK's EndpointPartition type omits the region's own fields that partition() spreads into its answer
  return !region.endsWith("-global") && "description" in partition(region);
}

let known: string[] | undefined;

/** Every region the SDK's partition data lists. */
export function knownRegions(): string[] {
  known ??= PREFIXES.flatMap((p) => DIRECTIONS.flatMap((d) => Array.from({ length: 9 }, (_, i) => `${p}-${d}-${i + 1}`))).filter(isKnownRegion);
  return known;
}

/** The known region closest to a misspelled one (e.g. us-esat-1 → us-east-1), if any is reasonably close. */
export function closestRegion(region: string): string | undefined {
  const r = region.trim().toLowerCase();
  const scored = knownRegions().map((k) => [k, editDistance(r, k)] as const).sort((a, b) => a[1] - b[1]);
  const best = scored[0];
  return best && best[1] <= Math.max(2, Math.floor(r.length / 3)) ? best[0] : undefined;
}
