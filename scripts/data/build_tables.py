#!/usr/bin/env python3
"""Build the emissions-calculator factor tables in data/*.csv.

Run from the repository root (/work/main):

    pip install pycountry pycountry-convert
    python3 scripts/data/build_tables.py [--ref ../shared/reference-data] [--out data]

Inputs (read-only reference copies, see each folder's SOURCE.md):
  grid-intensity/carbon_intensity_elec_2015plus.csv   Ember via Our World in Data (CC BY 4.0)
  us-egrid/raw/*.csv, us-egrid/cloud-region-to-egrid-subregion.csv   US EPA eGRID2022 (public domain)
  other-subnational/raw/canada-eccc-2021-projections-grid-intensity-excl-biomass.csv  ECCC (OGL-Canada)
  other-subnational/subnational-grid-intensity.csv   (Australia NGA 2024 rows only; CC BY 4.0)
  gcp-region-carbon/2024.csv                          Google region-carbon-info (Apache-2.0)
  cloud-regions/cloud-regions.csv                     region list / locations
  codecarbon/cpu_power.csv                            CPU TDP cross-check (MIT)
Hand-curated facts (PUE, equivalents) are literal lists below, each with its primary
source URL. data/hardware.csv and data/embodied.csv are hand-edited CSVs (not written
here) and are validated by the Rust tests.  Electricity Maps, WikiChip and carbonfootprint.com data are NOT used.
"""
from __future__ import annotations

import argparse
import csv
import io
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pycountry
import pycountry_convert as pcc

DATA_VERSION = "2026.11"
LB_TO_KG = 0.45359237
MILE_KM = 1.609344
US_GALLON_L = 3.785411784

# --------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------

def num(x: float | int | None, nd: int | None = None) -> str:
    """Plain decimal string, no exponent, no trailing zeros."""
    if x is None or x == "":
        return ""
    x = float(x)
    if nd is not None:
        x = round(x, nd)
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    s = f"{x:.10f}".rstrip("0").rstrip(".")
    return s


def write_csv(path: Path, header: list[str], rows: list[dict]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        out = []
        for h in header:
            v = r.get(h, "")
            v = "" if v is None else str(v)
            v = re.sub(r"\s+", " ", v).strip()
            out.append(v)
        w.writerow(out)
    path.write_text(buf.getvalue(), encoding="utf-8")
    print(f"wrote {path} ({len(rows)} rows)")


# --------------------------------------------------------------------------------------
# 1. hardware: data/hardware.csv and data/embodied.csv are HAND-EDITED (validated by
#    `cargo test -p emissions-core`, core/tests/data.rs). This script no longer writes
#    them; it only cross-checks CPU TDPs in hardware.csv against CodeCarbon (warn only).
# --------------------------------------------------------------------------------------
def check_hardware_against_codecarbon(ref: Path, out: Path) -> None:
    cc = {}
    with open(ref / "codecarbon/cpu_power.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            try:
                cc[r["Name"].strip().lower()] = float(r["TDP"])
            except (ValueError, KeyError):
                pass
    with open(out / "hardware.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["kind"] != "cpu" or not r["power_w"]:
                continue
            key = f"{r['vendor']} {r['name']}".lower()
            if key in cc and abs(cc[key] - float(r["power_w"])) > 0.5:
                print(f"  note: CodeCarbon TDP for {key} = {cc[key]} W vs ours {r['power_w']} W", file=sys.stderr)


# --------------------------------------------------------------------------------------
# 2. grid zones
# --------------------------------------------------------------------------------------
OWID_URL = "https://ourworldindata.org/grapher/carbon-intensity-electricity"
EGRID_URL = "https://www.epa.gov/egrid/summary-data"
ECCC_URL = "https://open.canada.ca/data/en/dataset/7ba5acf6-ebae-45b6-bb14-84ab56ad2055"
NGA_URL = "https://www.dcceew.gov.au/climate-change/publications/national-greenhouse-accounts-factors-2024"

SKIPPED_COUNTRIES: list[str] = []
CONTINENT_NAMES = {"AF": "Africa", "AS": "Asia", "EU": "Europe", "NA": "North America",
                   "SA": "South America", "OC": "Oceania", "AN": "Antarctica"}
CONTINENT_OVERRIDE = {"XK": "Europe", "TL": "Asia", "EH": "Africa", "SX": "North America",
                      "VA": "Europe", "AQ": "Antarctica", "UM": "Oceania", "PN": "Oceania",
                      "TF": "Africa", "BQ": "North America", "CW": "North America"}

CA_NAMES = {"Northwest Territory": "Northwest Territories", "Yukon Territory": "Yukon",
            "Quebec": "Quebec"}
CA_CODES = {"Alberta": "AB", "British Columbia": "BC", "Manitoba": "MB", "New Brunswick": "NB",
            "Newfoundland and Labrador": "NL", "Northwest Territory": "NT", "Nova Scotia": "NS",
            "Nunavut": "NU", "Ontario": "ON", "Prince Edward Island": "PE", "Quebec": "QC",
            "Saskatchewan": "SK", "Yukon Territory": "YT"}
AU_ZONES = {  # subnational csv region_name -> (zone_id, display name)
    "New South Wales and ACT": ("AU-NSW", "New South Wales and ACT (NGA)"),
    "Victoria": ("AU-VIC", "Victoria (NGA)"),
    "Queensland": ("AU-QLD", "Queensland (NGA)"),
    "South Australia": ("AU-SA", "South Australia (NGA)"),
    "Western Australia - SWIS": ("AU-WA", "Western Australia - South West Interconnected System (NGA)"),
    "Tasmania": ("AU-TAS", "Tasmania (NGA)"),
    "Northern Territory - DKIS": ("AU-NT", "Northern Territory - Darwin-Katherine system (NGA)"),
}

GZ_BUILD_COLS = "zone_id,name,country_iso2,kind,continent,intensity_g_per_kwh,year,basis,publisher,source_url,licence".split(",")
# Written form: the four grid sources are stored once in grid_sources.csv and joined by source_id.
GZ_COLS = "zone_id,name,country_iso2,kind,continent,intensity_g_per_kwh,year,source_id".split(",")
GS_COLS = "source_id,publisher,basis,source_url,licence".split(",")
SOURCE_IDS = {
    "https://ourworldindata.org/grapher/carbon-intensity-electricity": "ember-owid",
    "https://www.epa.gov/egrid/summary-data": "epa-egrid2022",
    "https://open.canada.ca/data/en/dataset/7ba5acf6-ebae-45b6-bb14-84ab56ad2055": "eccc-2021",
    "https://www.dcceew.gov.au/climate-change/publications/national-greenhouse-accounts-factors-2024": "dcceew-nga-2024",
}


def split_grid_sources(gz: list[dict]) -> tuple[list[dict], list[dict]]:
    """Normalise: one row per source in grid_sources.csv, zones refer to it by source_id."""
    sources: dict[str, dict] = {}
    zones = []
    for r in gz:
        sid = SOURCE_IDS[r["source_url"]]
        src = {k: r[k] for k in ("publisher", "basis", "source_url", "licence")}
        assert sources.setdefault(sid, src) == src, (sid, src)
        zones.append({**{k: r[k] for k in GZ_COLS if k != "source_id"}, "source_id": sid})
    return zones, [{"source_id": k, **v} for k, v in sources.items()]


def continent_of(a2: str) -> str:
    if a2 in CONTINENT_OVERRIDE:
        return CONTINENT_OVERRIDE[a2]
    try:
        return CONTINENT_NAMES[pcc.country_alpha2_to_continent_code(a2)]
    except Exception:
        raise SystemExit(f"no continent for {a2}: add it to CONTINENT_OVERRIDE")


def build_grid_zones(ref: Path) -> list[dict]:
    rows: list[dict] = []
    latest: dict[str, tuple[int, float, str]] = {}
    with open(ref / "grid-intensity/carbon_intensity_elec_2015plus.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            code = (r["iso_code"] or "").strip()
            if not code or r["carbon_intensity_elec"] in ("", None):
                continue
            y = int(r["year"])
            v = float(r["carbon_intensity_elec"])
            if code not in latest or y > latest[code][0]:
                latest[code] = (y, v, r["country"])
    basis = "lifecycle gCO2e per kWh of electricity generated (production mix, imports ignored; Ember)"
    publisher = "Ember; Energy Institute - Statistical Review of World Energy; processed by Our World in Data"
    skipped = []
    for code, (y, v, cname) in sorted(latest.items()):
        if code == "OWID_WRL":
            continue
        if code == "OWID_KOS":
            a2 = "XK"
        elif code.startswith("OWID_") or len(code) != 3:
            skipped.append(code)
            continue
        else:
            c = pycountry.countries.get(alpha_3=code)
            if c is None:
                skipped.append(code)
                continue
            a2 = c.alpha_2
        if not (0 < v <= 2000):
            # e.g. Central African Republic: every year is 0 in the OWID export (a data gap,
            # not a real zero: even hydro has a lifecycle intensity). Leave the country out.
            print(f"  skip {code}: intensity {v} out of range", file=sys.stderr)
            SKIPPED_COUNTRIES.append(f"{a2} ({cname}): OWID value {v} in {y}")
            continue
        rows.append(dict(zone_id=a2, name=cname, country_iso2=a2, kind="country",
                         continent=continent_of(a2), intensity_g_per_kwh=num(v, 2), year=y,
                         basis=basis, publisher=publisher, source_url=OWID_URL, licence="CC BY 4.0"))
    if skipped:
        print(f"  skipped OWID codes: {skipped}", file=sys.stderr)
    rows.sort(key=lambda r: r["zone_id"])
    y, v, _ = latest["OWID_WRL"]
    rows.insert(0, dict(zone_id="WORLD", name="World", country_iso2="", kind="world", continent="World",
                        intensity_g_per_kwh=num(v, 2), year=y, basis=basis, publisher=publisher,
                        source_url=OWID_URL, licence="CC BY 4.0"))

    # --- US eGRID2022 subregions
    names = {}
    with open(ref / "us-egrid/raw/egrid_subregion_names.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            names[r["SUBRGN"].strip()] = r["SRNAME"].strip()
    with open(ref / "us-egrid/raw/egrid2022_subregion_co2_total_output_rate_lb_per_mwh.csv", encoding="utf-8") as f:
        rd = csv.reader(f)
        next(rd)
        for rec in rd:
            if not rec or not rec[0].strip():
                continue
            sub, lb, yr = rec[0].strip(), float(rec[1]), int(rec[2])
            if sub == "US":
                continue  # national value comes from Ember (country row US)
            g = lb * LB_TO_KG
            rows.append(dict(zone_id=f"US-EGRID-{sub}", name=f"{names[sub]} (eGRID {sub})", country_iso2="US",
                             kind="subnational", continent="North America", intensity_g_per_kwh=num(g, 4),
                             year=yr, basis="CO2 total output emission rate (combustion, CO2 only)",
                             publisher="US EPA eGRID2022", source_url=EGRID_URL,
                             licence="Public domain (US Gov)"))

    # --- Canada: ECCC 2021 projections file, historical 2019 column (excl. biomass/RNG CO2)
    raw = (ref / "other-subnational/raw/canada-eccc-2021-projections-grid-intensity-excl-biomass.csv").read_bytes().decode("cp1252")
    lines = raw.splitlines()
    rd = csv.reader(lines[1:])
    hdr = next(rd)
    i2019 = hdr.index("2019")
    for rec in rd:
        if len(rec) <= i2019 or rec[0] not in CA_CODES:
            continue
        v = float(rec[i2019])
        code = CA_CODES[rec[0]]
        rows.append(dict(zone_id=f"CA-{code}", name=f"{CA_NAMES.get(rec[0], rec[0])} (ECCC)", country_iso2="CA",
                         kind="subnational", continent="North America", intensity_g_per_kwh=num(v, 1), year=2019,
                         basis="utility-grid consumption intensity: utility-grid emissions / utility-grid sales (imports counted as zero; biomass and RNG CO2 excluded)",
                         publisher="Environment and Climate Change Canada (GHG and Air Pollutant Emissions Projections 2021, historical year)",
                         source_url=ECCC_URL, licence="OGL-Canada 2.0"))
    assert sum(1 for r in rows if r["zone_id"].startswith("CA-")) == 13

    # --- Australia: NGA Factors 2024, scope 2 location-based
    with open(ref / "other-subnational/subnational-grid-intensity.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["country_iso2"] != "AU" or r["region_name"] not in AU_ZONES:
                continue
            zid, nm = AU_ZONES[r["region_name"]]
            rows.append(dict(zone_id=zid, name=nm, country_iso2="AU", kind="subnational", continent="Oceania",
                             intensity_g_per_kwh=num(float(r["value_g_per_kwh"]), 1), year=2024,
                             basis="scope 2 location-based emission factor for purchased grid electricity (NGA Factors 2024; scope 3 excluded)",
                             publisher="Australian Government DCCEEW (National Greenhouse Accounts Factors 2024)",
                             source_url=NGA_URL, licence="CC BY 4.0"))
    assert sum(1 for r in rows if r["zone_id"].startswith("AU-")) == 7
    return rows


# --------------------------------------------------------------------------------------
# 3. cloud regions
# --------------------------------------------------------------------------------------
CR_COLS = ("provider,region_code,region_name,city,subdivision,country_iso2,zone_id,provider_intensity_g_per_kwh,"
           "provider_cfe,provider_intensity_year,provider_intensity_source_url,source_url,year").split(",")
PROVIDERS = ("aws", "gcp", "azure", "oci")
PROVIDER_REGION_PAGES = {
    "aws": "https://aws.amazon.com/about-aws/global-infrastructure/regions_az/",
    "gcp": "https://cloud.google.com/about/locations",
    "azure": "https://learn.microsoft.com/azure/reliability/regions-list",
    "oci": "https://docs.oracle.com/en-us/iaas/Content/General/Concepts/regions.htm",
}
GCP_CARBON_URL = "https://github.com/GoogleCloudPlatform/region-carbon-info"
AU_SUBDIV_TO_ZONE = {"AU-NSW": "AU-NSW", "AU-ACT": "AU-NSW", "AU-VIC": "AU-VIC", "AU-QLD": "AU-QLD",
                     "AU-SA": "AU-SA", "AU-WA": "AU-WA", "AU-TAS": "AU-TAS", "AU-NT": "AU-NT"}


def first_url(s: str, prefer: str) -> str:
    urls = re.findall(r"https?://[^\s;,)]+", s or "")
    for u in urls:
        if prefer in u:
            return u
    return urls[0] if urls else ""


def build_cloud_regions(ref: Path, zone_ids: set[str], decisions: list[str]) -> list[dict]:
    egrid = {}
    with open(ref / "us-egrid/cloud-region-to-egrid-subregion.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            egrid[(r["provider"], r["region_code"])] = r["egrid_subregion"].strip()
    gcp = {}
    with open(ref / "gcp-region-carbon/2024.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r.get("Google Cloud Region"):
                gcp[r["Google Cloud Region"].strip()] = (float(r["Grid carbon intensity (gCO2eq / kWh)"]),
                                                         float(r["Google CFE"]))
    rows = []
    seen = set()
    with open(ref / "cloud-regions/cloud-regions.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            p = r["provider"]
            if p not in PROVIDERS:
                continue
            code = r["region_code"].strip()
            c2 = r["country_iso2"].strip()
            if not c2:
                decisions.append(f"skipped {p}:{code} (country unknown)")
                continue
            sub = r["subdivision"].strip()
            zone = c2
            if c2 == "US":
                s = egrid.get((p, code), "")
                if s:
                    zone = f"US-EGRID-{s}"
                else:
                    decisions.append(f"{p}:{code} -> US (no eGRID subregion assigned: {r['note'][:90]})")
            elif c2 == "CA":
                if sub.startswith("CA-") and sub in zone_ids:
                    zone = sub
                else:
                    decisions.append(f"{p}:{code} -> CA (province not disclosed)")
            elif c2 == "AU":
                if sub in AU_SUBDIV_TO_ZONE:
                    zone = AU_SUBDIV_TO_ZONE[sub]
                else:
                    decisions.append(f"{p}:{code} -> AU (state not disclosed)")
            if zone not in zone_ids:
                raise SystemExit(f"zone {zone} for {p}:{code} missing from grid_zones")
            name = r["region_name"].strip()
            if not name:
                name = f"{r['city'].strip() or code} ({code})"
                decisions.append(f"{p}:{code} has no published display name; region_name set to '{name}' (city from the identifier)")
            pi = pc = py = pu = ""
            if p == "gcp" and code in gcp:
                gi, cfe = gcp[code]
                pi, pc, py, pu = num(gi, 2), num(cfe, 2), 2024, GCP_CARBON_URL
            src = first_url(r["source_url"], {"aws": "amazon.com", "gcp": "cloud.google.com",
                                              "azure": "learn.microsoft.com", "oci": "oracle"}[p])
            if not src or "github.com" in src and p in ("aws", "oci"):
                src = PROVIDER_REGION_PAGES[p]
            key = (p, code)
            assert key not in seen, key
            seen.add(key)
            rows.append(dict(provider=p, region_code=code, region_name=name, city=r["city"].strip(),
                             subdivision=sub, country_iso2=c2, zone_id=zone,
                             provider_intensity_g_per_kwh=pi, provider_cfe=pc, provider_intensity_year=py,
                             provider_intensity_source_url=pu, source_url=src, year=2026))
    missing = set(gcp) - {r["region_code"] for r in rows if r["provider"] == "gcp"}
    if missing:
        decisions.append(f"GCP carbon-data regions without a region row: {sorted(missing)}")
    rows.sort(key=lambda r: (r["provider"], r["region_code"]))
    return rows


# --------------------------------------------------------------------------------------
# 4. PUE
# --------------------------------------------------------------------------------------
PUE_COLS = "key,label,pue,pue_low,pue_high,year,source_url,note".split(",")
GOOGLE_EFF = "https://datacenters.google/operating-sustainably/efficiency"
DCD_2024 = "https://www.datacenterdynamics.com/en/news/aws-global-data-centers-achieved-pue-of-115-in-2023/"
PUE = [
    ("aws", "Amazon Web Services", 1.14, 1.04, 1.25, 2025, "https://sustainability.aboutamazon.com/products-services/the-cloud",
     "AWS global fleet PUE 1.14 (2025; 1.15 in 2023 and 2024). Low = AWS best-performing site 1.04 (Europe, 2023 and 2024). High = 1.25, the IDC public-cloud average that AWS itself cites (IDC Jan 2025); AWS publishes no worst-site value, so this is a documented conservative bound, not an AWS figure."),
    ("gcp", "Google Cloud", 1.09, 1.06, 1.15, 2024, "https://sustainability.google/reports/google-2025-environmental-report/",
     "Google fleet-wide annual PUE 1.09 for 2024 (2025 Environmental Report; trade press Dec 2024: 'around 1.1'). The reference copy marks the 1.09 as recalled, so check the report. Low = Google best site 1.06 (2024, trade press). High = 1.15, the highest published Google campus TTM PUE (asia-southeast1 Singapore, 2020)."),
    ("azure", "Microsoft Azure", 1.18, 1.12, 1.25, 2024, DCD_2024,
     "Microsoft fleet average 1.18 (Microsoft as reported by DatacenterDynamics, Dec 2024). Low = 1.12, Microsoft's newest-generation design value. High = 1.25, the IDC public-cloud average (IDC Jan 2025, as cited by AWS); Microsoft's per-region fact sheets were not retrieved, so individual regions may be outside this range."),
    ("oci", "Oracle Cloud Infrastructure", 1.25, 1.15, 1.56, 2024, DCD_2024,
     "Oracle publishes no fleet-average PUE; it says its facilities run 'as low as 1.15' (best sites; reported by DatacenterDynamics Dec 2024), used as the low bound. Central value = 1.25, the IDC public-cloud industry average (IDC 2H Datacenter Trends, Jan 2025, as cited on https://aws.amazon.com/sustainability/data-centers/). High = Uptime Institute 2024 industry average 1.56. (Green Algorithms uses 1.2 for Oracle from a 2023 Nutanix blog.)"),
    ("on-premises", "Unknown / on-premises data centre", 1.56, 1.25, 2.0, 2024, "https://datacenter.uptimeinstitute.com/rs/711-RIA-145/images/2024.GlobalDataCenterSurvey.Report.pdf",
     "Uptime Institute Global Data Center Survey 2024 industry average 1.56. Low = 1.25 (IDC public-cloud average, i.e. a modern well-run facility). High = 2.0, an editorial round bound for small or legacy server rooms (IDC puts on-premises enterprise sites at 1.63 on average; Google cited an industry average of 1.7 in 2016); not a survey statistic."),
    ("personal", "Personal computer or workstation", 1.0, 1.0, 1.0, 2016, "https://www.iso.org/standard/63451.html",
     "No facility overhead: a desktop, laptop or workstation in an office or home has no data-centre cooling or power distribution. PSU losses are already inside the device's wall power (Apple rows) and are not a facility overhead; PUE = total facility energy / IT equipment energy (ISO/IEC 30134-2) is therefore 1.0 by definition."),
]
# Google per-campus TTM PUE values published on Google's efficiency page, as captured
# ~2020 (Green Algorithms) and ~2022 (Cloud Carbon Footprint constants).
GCP_CAMPUS = {  # region: (label, latest value, latest year, [all published values])
    "us-east4": ("Ashburn, Virginia (us-east4)", 1.08, 2022, [1.08]),
    "us-central1": ("Council Bluffs, Iowa (us-central1)", 1.11, 2022, [1.11, 1.11]),
    "us-east1": ("Moncks Corner, South Carolina (us-east1)", 1.11, 2020, [1.11]),
    "us-west1": ("The Dalles, Oregon (us-west1)", 1.11, 2020, [1.11]),
    "europe-west1": ("St. Ghislain, Belgium (europe-west1)", 1.09, 2022, [1.08, 1.09]),
    "europe-west4": ("Eemshaven, Netherlands (europe-west4)", 1.07, 2022, [1.07]),
    "europe-north1": ("Hamina, Finland (europe-north1)", 1.09, 2022, [1.09, 1.09]),
    "asia-east1": ("Changhua County, Taiwan (asia-east1)", 1.12, 2022, [1.13, 1.12]),
    "asia-southeast1": ("Singapore (asia-southeast1)", 1.13, 2022, [1.15, 1.13]),
}


def build_pue() -> list[dict]:
    rows = []
    for key, label, pue, lo, hi, y, url, note in PUE:
        rows.append(dict(key=key, label=label, pue=num(pue), pue_low=num(lo), pue_high=num(hi), year=y,
                         source_url=url, note=note))
    for reg, (label, v, y, vals) in GCP_CAMPUS.items():
        lo, hi = min(vals + [v]), max(vals + [v])
        rows.append(dict(key=f"gcp:{reg}", label=label, pue=num(v), pue_low=num(lo), pue_high=num(hi), year=y,
                         source_url=GOOGLE_EFF,
                         note=("Google campus trailing-twelve-month PUE " + ("as captured about 2022 in Cloud Carbon Footprint's constants" if y == 2022 else "as captured 2020-09 by Green Algorithms")
                               + "; low/high = range of the values published for this campus in those captures. Refresh from Google's efficiency page.")))
    return rows


# --------------------------------------------------------------------------------------
# 5. equivalents
# --------------------------------------------------------------------------------------
EQ_COLS = "id,label,grams_co2e_per_unit,unit,year,source_url,note".split(",")
EPA_EQ = "https://www.epa.gov/energy/greenhouse-gases-equivalencies-calculator-calculations-and-references"
DESNZ_2024 = "https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2024"


def great_circle_km(lat1, lon1, lat2, lon2) -> float:
    r = 6371.0088  # mean Earth radius, km
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(h))


def build_equivalents() -> list[dict]:
    cdg_lhr = great_circle_km(49.0097, 2.5479, 51.4700, -0.4543)  # CDG -> LHR airport coordinates
    car_g_km = 3.93e-4 * 1e6 / MILE_KM
    gas_g_l = 8.89e-3 * 1e6 / US_GALLON_L
    rows = [
        ("car-km", "km driven by an average gasoline passenger car (US)", num(car_g_km, 1), "km", 2024, EPA_EQ,
         "EPA equivalencies: 3.93e-4 t CO2e per mile for a typical passenger vehicle, / 1.609344 km per mile. Tailpipe only. Value quoted from the EPA page by third parties; check against the live page (earlier revisions 3.98e-4 to 4.09e-4)."),
        ("gasoline-litre", "litres of gasoline burned", num(gas_g_l, 1), "L", 2024, EPA_EQ,
         "EPA equivalencies: 8.89e-3 t CO2 per US gallon of gasoline, / 3.785411784 L per gallon. Combustion CO2 only."),
        ("flight-economy-pkm", "passenger-km flown in economy on a long-haul flight", "150", "passenger-km", 2024, DESNZ_2024,
         "UK DESNZ 2024 conversion factors, long-haul economy, per passenger-km, including radiative forcing and the 8 % distance uplift, excluding well-to-tank. Quoted by third parties; confirm the exact value in the DESNZ flat file."),
        ("flight-paris-london", "one-way economy flights Paris CDG - London LHR (one passenger)", num(156 * cdg_lhr, 0), "flight", 2024, DESNZ_2024,
         f"Derived: {cdg_lhr:.0f} km great-circle distance CDG-LHR x 156 g CO2e per passenger-km (UK DESNZ 2024 short-haul to/from UK, economy, with radiative forcing; the factor already contains the 8 % routing uplift; well-to-tank excluded). Factor quoted by third parties; confirm in the DESNZ flat file. Indicative only."),
        ("tree-year", "tree-years of CO2 absorption (one urban tree seedling grown for a year)", num(0.060 * 1e6 / 10, 0), "tree-year", 2024, EPA_EQ,
         "ABSORPTION, not emission: EPA equivalencies give 0.060 t CO2 sequestered by one medium-growth urban tree seedling planted and grown for 10 years, i.e. 6 kg per tree per year on average. Emissions / this value = number of tree-years needed to absorb them. (Green Algorithms uses 11 kg per tree-year for a mature tree.)"),
        ("smartphone-charge", "smartphone charges", num(8.22e-6 * 1e6, 2), "charge", 2022, EPA_EQ,
         "EPA equivalencies: 8.22e-6 t CO2 per smartphone charge (older revision of the page, about 2020-2023, quoted by third parties; EPA may have revised it). Includes the US average grid emission rate."),
        ("home-electricity-year", "years of electricity use of an average US home", num(5.505 * 1e6, 0), "home-year", 2022, EPA_EQ,
         "EPA equivalencies: 5.505 t CO2 per home per year for electricity use (revision of about 2022-2023, quoted by third parties; the value changes with each revision)."),
        ("netflix-hour", "hours of video streaming (Europe, 2020)", "55", "hour", 2021, "https://www.carbontrust.com/our-work-and-impact/guides-reports-and-tools/carbon-impact-of-video-streaming",
         "Carbon Trust white paper 'Carbon impact of video streaming' (2021): about 55 gCO2e per hour in Europe (2020), including viewing device, network and data centre; strongly depends on device and grid. Value as used by Green Algorithms v3.1."),
    ]
    return [dict(id=a, label=b, grams_co2e_per_unit=c, unit=d, year=e, source_url=f, note=g)
            for a, b, c, d, e, f, g in rows]


# --------------------------------------------------------------------------------------
# self-check
# --------------------------------------------------------------------------------------
def self_check(out: Path) -> dict[str, int]:
    def load(n):
        txt = (out / n).read_text(encoding="utf-8")
        assert "\r" not in txt and "\n\n" not in txt and not txt.startswith("\ufeff"), n
        for ln in txt.splitlines():
            assert ln == ln.rstrip(), f"trailing space in {n}: {ln[:60]}"
        return list(csv.DictReader(io.StringIO(txt)))

    def isyear(s):
        return bool(re.fullmatch(r"\d{4}", str(s)))

    def isurl(s):
        return bool(re.match(r"https?://\S+$", s or ""))

    counts = {}
    gs = {r["source_id"]: r for r in load("grid_sources.csv")}
    for r in gs.values():
        assert isurl(r["source_url"]) and r["licence"] and r["basis"] and r["publisher"], r
    gz = load("grid_zones.csv")
    assert [*gz[0].keys()] == GZ_COLS
    zids = [r["zone_id"] for r in gz]
    assert len(zids) == len(set(zids))
    for r in gz:
        assert 0 < float(r["intensity_g_per_kwh"]) <= 2000, r
        assert isyear(r["year"]) and r["source_id"] in gs, r
        assert r["continent"] in ("Africa", "Asia", "Europe", "North America", "South America", "Oceania", "World", "Antarctica"), r
    assert sum(r["kind"] == "country" for r in gz) >= 200
    counts["grid_zones.csv"] = len(gz)

    cr = load("cloud_regions.csv")
    assert [*cr[0].keys()] == CR_COLS
    keys = [(r["provider"], r["region_code"]) for r in cr]
    assert len(keys) == len(set(keys))
    zs = set(zids)
    for r in cr:
        assert r["zone_id"] in zs, r
        assert isurl(r["source_url"]) and isyear(r["year"]), r
        if r["provider_intensity_g_per_kwh"]:
            assert r["provider"] == "gcp" and 0 < float(r["provider_intensity_g_per_kwh"]) <= 2000
            assert 0 <= float(r["provider_cfe"]) <= 1 and isyear(r["provider_intensity_year"]) and isurl(r["provider_intensity_source_url"])
        else:
            assert not (r["provider_cfe"] or r["provider_intensity_year"] or r["provider_intensity_source_url"])
    counts["cloud_regions.csv"] = len(cr)

    pue = load("pue.csv")
    assert [*pue[0].keys()] == PUE_COLS
    pk = [r["key"] for r in pue]
    assert len(pk) == len(set(pk))
    for r in pue:
        lo, v, hi = float(r["pue_low"]), float(r["pue"]), float(r["pue_high"])
        assert 1.0 <= lo <= v <= hi <= 3.0, r
        assert isurl(r["source_url"]) and isyear(r["year"]), r
        if ":" in r["key"]:
            prov, reg = r["key"].split(":", 1)
            assert (prov, reg) in set(keys), r["key"]
    for p in {r["provider"] for r in cr}:
        assert p in pk, p
    assert "on-premises" in pk and "personal" in pk
    counts["pue.csv"] = len(pue)

    eq = load("equivalents.csv")
    assert [*eq[0].keys()] == EQ_COLS
    eids = [r["id"] for r in eq]
    assert len(eids) == len(set(eids))
    for r in eq:
        assert float(r["grams_co2e_per_unit"]) > 0 and isurl(r["source_url"]) and isyear(r["year"]), r
    counts["equivalents.csv"] = len(eq)
    return counts


def main() -> None:
    here = Path(__file__).resolve()
    repo = here.parents[2]
    ap = argparse.ArgumentParser()
    ap.add_argument("--ref", default=str(repo.parent / "shared/reference-data"))
    ap.add_argument("--out", default=str(repo / "data"))
    a = ap.parse_args()
    ref, out = Path(a.ref), Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    decisions: list[str] = []

    gz = build_grid_zones(ref)
    cr = build_cloud_regions(ref, {r["zone_id"] for r in gz}, decisions)
    zones, sources = split_grid_sources(gz)
    write_csv(out / "grid_zones.csv", GZ_COLS, zones)
    write_csv(out / "grid_sources.csv", GS_COLS, sources)
    write_csv(out / "cloud_regions.csv", CR_COLS, cr)
    write_csv(out / "pue.csv", PUE_COLS, build_pue())
    write_csv(out / "equivalents.csv", EQ_COLS, build_equivalents())
    for sc in SKIPPED_COUNTRIES:
        decisions.append(f"country left out of grid_zones: {sc}")
    print("\njoin decisions:")
    for d in decisions:
        print("  " + d)
    check_hardware_against_codecarbon(ref, out)
    counts = self_check(out)
    print("\nself-check OK; data version", DATA_VERSION)
    for k, v in counts.items():
        print(f"  {k}: {v} rows")


if __name__ == "__main__":
    main()
