#!/usr/bin/env python3
"""Build the emissions-calculator factor tables in data/*.csv.

Run from the repository root:

    pip install -r scripts/data/requirements.txt
    python3 scripts/data/build_tables.py [--ref ../shared/reference-data] [--out data]

(In a git worktree the default --ref, <repo>/../shared/reference-data, may not exist: pass it.)

Inputs (read-only reference copies, see each folder's SOURCE.md):
  grid-intensity/carbon_intensity_elec_2015plus.csv   Ember via Our World in Data (CC BY 4.0): countries
  grid-mix/lifecycle-factors.csv                      Ember-implied per-fuel lifecycle factors (USA, CAN, AUS)
  grid-mix/us-states-ember-generation-by-fuel.csv     Ember US state mix (CC BY 4.0)
  grid-mix/india-states-ember-generation-by-fuel.csv  Ember India state mix (CC BY 4.0)
  grid-mix/raw/eccc-nir2024-annex13-electricity-tables.xlsx  ECCC NIR 2024 Annex 13 (OGL-Canada)
  grid-mix/australia-states-aes-table-o-generation-by-fuel.csv  DCCEEW AES Table O (CC BY 4.0, transcription)
  grid-mix/combustion-and-scope2-rates.csv            NGA 2025 scope 2 rows (transcription)
  us-egrid/raw/egrid2022_subregion_co2_total_output_rate_lb_per_mwh.csv  US EPA eGRID2022 (public domain)
  gcp-region-carbon/2024.csv                          Google region-carbon-info (Apache-2.0)
  cloud-regions/cloud-regions.csv                     region list / locations
  codecarbon/cpu_power.csv                            CPU TDP cross-check (MIT)
The grid computation is in grid_tables.py (with the Ember country rows for CAN, AUS and IND
transcribed from ember-data-api, revision 0bcbcfb8). Hand-curated facts (hardware, PUE,
equivalents) are literal lists below, each with its primary source URL. Electricity Maps,
WikiChip and carbonfootprint.com data are NOT used.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
import grid_tables  # noqa: E402

DATA_VERSION = "2026.12"
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
# 1. hardware (hand-curated from vendor datasheets; checked against accelerators/ and
#    mlco2-impact/gpus.csv with its KNOWN ERRORS fixed)
# --------------------------------------------------------------------------------------
NV_V100 = "https://images.nvidia.com/content/technologies/volta/pdf/volta-v100-datasheet-update-us-1165301-r5.pdf"
NV_A100 = "https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a100/pdf/nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf"
NV_H100 = "https://www.nvidia.com/en-us/data-center/h100/"
NV_H100_PCIE = "https://www.nvidia.com/content/dam/en-zz/Solutions/gtcs22/data-center/h100/PB-11133-001_v01.pdf"
NV_H200 = "https://www.nvidia.com/en-us/data-center/h200/"
NV_BW = "https://resources.nvidia.com/en-us-blackwell-architecture/datasheet"
GKW_B200 = "https://glennklockwood.com/garden/processors/B200"
AMD_INST = "https://www.amd.com/en/products/accelerators/instinct"
APPLE_STUDIO = "https://support.apple.com/102027"
APPLE_MINI = "https://support.apple.com/103253"
PATTERSON = "https://arxiv.org/abs/2104.10350"

# (id, vendor, kind, name, power_w, power_basis, cores, memory_gb, released, source_url, year, note)
HARDWARE = [
    # ---------------- NVIDIA data-centre GPUs ----------------
    ("nvidia-k80", "NVIDIA", "gpu", "Tesla K80", 300, "tdp", None, 24, 2014, "https://www.techpowerup.com/gpu-specs/tesla-k80.c2616", 2014, "dual-GPU board (2 x 12 GB); figure is for the whole board; third-party spec database (NVIDIA's K80 page is retired)"),
    ("nvidia-p100-pcie-16gb", "NVIDIA", "gpu", "Tesla P100 PCIe 16GB", 250, "tdp", None, 16, 2016, "https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/tesla-p100/pdf/nvidia-tesla-p100-PCIe-datasheet.pdf", 2016, ""),
    ("nvidia-p100-sxm2", "NVIDIA", "gpu", "Tesla P100 SXM2 16GB", 300, "tdp", None, 16, 2016, "https://images.nvidia.com/content/tesla/pdf/nvidia-tesla-p100-datasheet.pdf", 2016, "NVLink (SXM2) module"),
    ("nvidia-p40", "NVIDIA", "gpu", "Tesla P40", 250, "tdp", None, 24, 2016, "https://www.nvidia.com/content/dam/en-zz/Solutions/design-visualization/documents/nvidia-p40-datasheet.pdf", 2016, ""),
    ("nvidia-v100-pcie-16gb", "NVIDIA", "gpu", "V100 PCIe 16GB", 250, "tdp", None, 16, 2017, NV_V100, 2020, "fixed: mlco2/impact lists 300 W (PCIe and SXM2 swapped); NVIDIA datasheet gives PCIe 250 W"),
    ("nvidia-v100-pcie-32gb", "NVIDIA", "gpu", "V100 PCIe 32GB", 250, "tdp", None, 32, 2018, NV_V100, 2020, ""),
    ("nvidia-v100-sxm2-16gb", "NVIDIA", "gpu", "V100 SXM2 16GB", 300, "tdp", None, 16, 2017, NV_V100, 2020, "fixed: mlco2/impact lists 250 W; NVIDIA datasheet gives SXM2 300 W"),
    ("nvidia-v100-sxm2-32gb", "NVIDIA", "gpu", "V100 SXM2 32GB", 300, "tdp", None, 32, 2018, NV_V100, 2020, "fixed: Green Algorithms v3.1 lists 250 W; NVIDIA datasheet gives SXM2 300 W"),
    ("nvidia-v100s-pcie-32gb", "NVIDIA", "gpu", "V100S PCIe 32GB", 250, "tdp", None, 32, 2019, NV_V100, 2020, ""),
    ("nvidia-t4", "NVIDIA", "gpu", "T4", 70, "tdp", None, 16, 2018, "https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/tesla-t4/t4-tensor-core-datasheet-951643.pdf", 2019, ""),
    ("nvidia-a100-pcie-40gb", "NVIDIA", "gpu", "A100 PCIe 40GB", 250, "tdp", None, 40, 2020, NV_A100, 2021, ""),
    ("nvidia-a100-pcie-80gb", "NVIDIA", "gpu", "A100 PCIe 80GB", 300, "tdp", None, 80, 2021, NV_A100, 2021, "fixed: mlco2/impact lists 250 W for both PCIe sizes; the 80 GB PCIe card is 300 W"),
    ("nvidia-a100-sxm4-40gb", "NVIDIA", "gpu", "A100 SXM4 40GB", 400, "tdp", None, 40, 2020, NV_A100, 2021, ""),
    ("nvidia-a100-sxm4-80gb", "NVIDIA", "gpu", "A100 SXM4 80GB", 400, "tdp", None, 80, 2020, NV_A100, 2021, "NVIDIA also allows custom thermal solutions up to 500 W; 400 W is the standard TDP"),
    ("nvidia-a10", "NVIDIA", "gpu", "A10", 150, "tdp", None, 24, 2021, "https://www.nvidia.com/en-us/data-center/products/a10-gpu/", 2021, ""),
    ("nvidia-a10g", "NVIDIA", "gpu", "A10G (AWS EC2 G5)", None, "unpublished", None, 24, 2021, "https://aws.amazon.com/ec2/instance-types/g5/", 2021, "power not published by NVIDIA or AWS (AWS-only variant of the A10); third-party spec sites list 150 W, the A10's TDP, which can serve as a labelled proxy"),
    ("nvidia-a30", "NVIDIA", "gpu", "A30", 165, "tdp", None, 24, 2021, "https://www.nvidia.com/en-us/data-center/products/a30-gpu/", 2021, ""),
    ("nvidia-a40", "NVIDIA", "gpu", "A40", 300, "tdp", None, 48, 2020, "https://www.nvidia.com/en-us/data-center/a40/", 2020, ""),
    ("nvidia-a2", "NVIDIA", "gpu", "A2", 60, "tdp", None, 16, 2021, "https://www.nvidia.com/en-us/data-center/products/a2/", 2021, "configurable 40-60 W; maximum shown"),
    ("nvidia-l4", "NVIDIA", "gpu", "L4", 72, "tdp", None, 24, 2023, "https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/l4/PB-11316-001_v01.pdf", 2023, ""),
    ("nvidia-l40", "NVIDIA", "gpu", "L40", 300, "tdp", None, 48, 2022, "https://www.nvidia.com/en-us/data-center/l40/", 2022, ""),
    ("nvidia-l40s", "NVIDIA", "gpu", "L40S", 350, "tdp", None, 48, 2023, "https://resources.nvidia.com/en-us-l40s/l40s-datasheet-28413", 2023, ""),
    ("nvidia-h100-pcie", "NVIDIA", "gpu", "H100 PCIe 80GB", 350, "tdp", None, 80, 2022, NV_H100_PCIE, 2022, "configurable 300-350 W; maximum shown"),
    ("nvidia-h100-sxm", "NVIDIA", "gpu", "H100 SXM5 80GB", 700, "tdp", None, 80, 2022, NV_H100, 2024, "up to 700 W (configurable). Measured LLM serving medians are about 531 W (ML.ENERGY 2026), i.e. about 75 % of TDP"),
    ("nvidia-h100-nvl", "NVIDIA", "gpu", "H100 NVL 94GB", 400, "tdp", None, 94, 2023, NV_H100, 2024, "configurable 350-400 W; maximum shown"),
    ("nvidia-h200-sxm", "NVIDIA", "gpu", "H200 SXM 141GB", 700, "tdp", None, 141, 2024, NV_H200, 2024, "up to 700 W (configurable)"),
    ("nvidia-h200-nvl", "NVIDIA", "gpu", "H200 NVL 141GB", 600, "tdp", None, 141, 2024, NV_H200, 2024, "up to 600 W (configurable)"),
    ("nvidia-b100", "NVIDIA", "gpu", "B100 (HGX B100)", 700, "tdp", None, 192, 2024, NV_BW, 2024, "per-GPU TDP as announced for HGX B100 (GTC 2024); secondary confirmation glennklockwood.com; the part saw little volume"),
    ("nvidia-b200", "NVIDIA", "gpu", "B200 (HGX B200)", 1000, "tdp", None, 180, 2024, NV_BW, 2024, "per-GPU TDP in HGX/DGX B200 (up to 1000 W); per-GPU memory 180 GB usable (DGX B200 1,440 GB / 8). Cross-checked: glennklockwood.com/garden/processors/B200. Measured serving median about 726 W (ML.ENERGY 2026)"),
    ("nvidia-gb200-gpu", "NVIDIA", "gpu", "B200 GPU in GB200 NVL72 (per GPU)", 1200, "tdp", None, 186, 2024, GKW_B200, 2024, "PER-GPU share of a GB200 superchip (1 Grace CPU + 2 B200 GPUs); excludes the Grace CPU and memory. The whole-superchip figure (about 2,700 W) is not confirmed in a vendor datasheet and is not tabulated"),
    ("nvidia-rtx-a4000", "NVIDIA", "gpu", "RTX A4000", 140, "tdp", None, 16, 2021, "https://www.nvidia.com/en-us/design-visualization/rtx-a4000/", 2021, ""),
    ("nvidia-rtx-a5000", "NVIDIA", "gpu", "RTX A5000", 230, "tdp", None, 24, 2021, "https://nvdam.widen.net/s/wrqrqt75vh/nvidia-rtx-a5000-datasheet", 2021, ""),
    ("nvidia-rtx-a6000", "NVIDIA", "gpu", "RTX A6000", 300, "tdp", None, 48, 2020, "https://www.nvidia.com/en-us/design-visualization/rtx-a6000/", 2020, ""),
    ("nvidia-rtx-6000-ada", "NVIDIA", "gpu", "RTX 6000 Ada Generation", 300, "tdp", None, 48, 2022, "https://www.nvidia.com/en-us/design-visualization/rtx-6000/", 2022, ""),
    ("nvidia-rtx-pro-6000-blackwell", "NVIDIA", "gpu", "RTX PRO 6000 Blackwell Workstation Edition", 600, "tdp", None, 96, 2025, "https://www.nvidia.com/en-us/products/workstations/professional-desktop-gpus/rtx-pro-6000/", 2025, "Max-Q Workstation Edition is 300 W"),
    ("nvidia-jetson-agx-orin-64gb", "NVIDIA", "soc", "Jetson AGX Orin 64GB", 60, "tdp", None, 64, 2023, "https://www.nvidia.com/en-us/autonomous-machines/embedded-systems/jetson-orin/", 2023, "module power configurable 15-60 W; maximum shown"),
    # ---------------- NVIDIA GeForce (Total Graphics Power) ----------------
    ("nvidia-rtx-3060", "NVIDIA", "gpu", "GeForce RTX 3060", 170, "tdp", None, 12, 2021, "https://www.nvidia.com/en-us/geforce/graphics-cards/30-series/rtx-3060-3060ti/", 2021, "Total Graphics Power (12 GB model)"),
    ("nvidia-rtx-3060-ti", "NVIDIA", "gpu", "GeForce RTX 3060 Ti", 200, "tdp", None, 8, 2020, "https://www.nvidia.com/en-us/geforce/graphics-cards/30-series/rtx-3060-3060ti/", 2020, "Total Graphics Power"),
    ("nvidia-rtx-3070", "NVIDIA", "gpu", "GeForce RTX 3070", 220, "tdp", None, 8, 2020, "https://www.nvidia.com/en-us/geforce/graphics-cards/30-series/rtx-3070-3070ti/", 2020, "Total Graphics Power"),
    ("nvidia-rtx-3070-ti", "NVIDIA", "gpu", "GeForce RTX 3070 Ti", 290, "tdp", None, 8, 2021, "https://www.nvidia.com/en-us/geforce/graphics-cards/30-series/rtx-3070-3070ti/", 2021, "Total Graphics Power"),
    ("nvidia-rtx-3080", "NVIDIA", "gpu", "GeForce RTX 3080", 320, "tdp", None, 10, 2020, "https://www.nvidia.com/en-us/geforce/graphics-cards/30-series/rtx-3080-3080ti/", 2020, "Total Graphics Power (10 GB model)"),
    ("nvidia-rtx-3080-ti", "NVIDIA", "gpu", "GeForce RTX 3080 Ti", 350, "tdp", None, 12, 2021, "https://www.nvidia.com/en-us/geforce/graphics-cards/30-series/rtx-3080-3080ti/", 2021, "Total Graphics Power"),
    ("nvidia-rtx-3090", "NVIDIA", "gpu", "GeForce RTX 3090", 350, "tdp", None, 24, 2020, "https://www.nvidia.com/en-us/geforce/graphics-cards/30-series/rtx-3090-3090ti/", 2020, "Total Graphics Power"),
    ("nvidia-rtx-3090-ti", "NVIDIA", "gpu", "GeForce RTX 3090 Ti", 450, "tdp", None, 24, 2022, "https://www.nvidia.com/en-us/geforce/graphics-cards/30-series/rtx-3090-3090ti/", 2022, "Total Graphics Power"),
    ("nvidia-rtx-4060", "NVIDIA", "gpu", "GeForce RTX 4060", 115, "tdp", None, 8, 2023, "https://www.nvidia.com/en-us/geforce/graphics-cards/40-series/rtx-4060-4060ti/", 2023, "Total Graphics Power"),
    ("nvidia-rtx-4060-ti", "NVIDIA", "gpu", "GeForce RTX 4060 Ti 8GB", 160, "tdp", None, 8, 2023, "https://www.nvidia.com/en-us/geforce/graphics-cards/40-series/rtx-4060-4060ti/", 2023, "Total Graphics Power; the 16 GB model is 165 W"),
    ("nvidia-rtx-4070", "NVIDIA", "gpu", "GeForce RTX 4070", 200, "tdp", None, 12, 2023, "https://www.nvidia.com/en-us/geforce/graphics-cards/40-series/rtx-4070-family/", 2023, "Total Graphics Power"),
    ("nvidia-rtx-4070-ti", "NVIDIA", "gpu", "GeForce RTX 4070 Ti", 285, "tdp", None, 12, 2023, "https://www.nvidia.com/en-us/geforce/graphics-cards/40-series/rtx-4070-family/", 2023, "Total Graphics Power"),
    ("nvidia-rtx-4080", "NVIDIA", "gpu", "GeForce RTX 4080", 320, "tdp", None, 16, 2022, "https://www.nvidia.com/en-us/geforce/graphics-cards/40-series/rtx-4080-family/", 2022, "Total Graphics Power"),
    ("nvidia-rtx-4090", "NVIDIA", "gpu", "GeForce RTX 4090", 450, "tdp", None, 24, 2022, "https://www.nvidia.com/en-us/geforce/graphics-cards/40-series/rtx-4090/", 2022, "Total Graphics Power"),
    ("nvidia-rtx-5060-ti", "NVIDIA", "gpu", "GeForce RTX 5060 Ti 16GB", 180, "tdp", None, 16, 2025, "https://www.nvidia.com/en-us/geforce/graphics-cards/50-series/rtx-5060-family/", 2025, "Total Graphics Power"),
    ("nvidia-rtx-5070", "NVIDIA", "gpu", "GeForce RTX 5070", 250, "tdp", None, 12, 2025, "https://www.nvidia.com/en-us/geforce/graphics-cards/50-series/rtx-5070-family/", 2025, "Total Graphics Power"),
    ("nvidia-rtx-5070-ti", "NVIDIA", "gpu", "GeForce RTX 5070 Ti", 300, "tdp", None, 16, 2025, "https://www.nvidia.com/en-us/geforce/graphics-cards/50-series/rtx-5070-family/", 2025, "Total Graphics Power"),
    ("nvidia-rtx-5080", "NVIDIA", "gpu", "GeForce RTX 5080", 360, "tdp", None, 16, 2025, "https://www.nvidia.com/en-us/geforce/graphics-cards/50-series/rtx-5080/", 2025, "Total Graphics Power"),
    ("nvidia-rtx-5090", "NVIDIA", "gpu", "GeForce RTX 5090", 575, "tdp", None, 32, 2025, "https://www.nvidia.com/en-us/geforce/graphics-cards/50-series/rtx-5090/", 2025, "Total Graphics Power"),
    # ---------------- AMD ----------------
    ("amd-mi100", "AMD", "gpu", "Instinct MI100", 300, "tdp", None, 32, 2020, "https://www.amd.com/system/files/documents/instinct-mi100-brochure.pdf", 2020, "PCIe card, typical board power"),
    ("amd-mi210", "AMD", "gpu", "Instinct MI210", 300, "tdp", None, 64, 2022, AMD_INST + "/mi200/mi210.html", 2022, "PCIe card, peak board power"),
    ("amd-mi250", "AMD", "gpu", "Instinct MI250", 560, "tdp", None, 128, 2021, AMD_INST + "/mi200/mi250.html", 2021, "OAM; peak TBP 560 W (liquid-cooled), 500 W air-cooled"),
    ("amd-mi250x", "AMD", "gpu", "Instinct MI250X", 560, "tdp", None, 128, 2021, AMD_INST + "/mi200/mi250x.html", 2021, "OAM; peak TBP 560 W (liquid-cooled), 500 W air-cooled"),
    ("amd-mi300x", "AMD", "gpu", "Instinct MI300X", 750, "tdp", None, 192, 2023, AMD_INST + "/mi300/mi300x.html", 2023, "OAM; peak TBP"),
    ("amd-mi325x", "AMD", "gpu", "Instinct MI325X", 1000, "tdp", None, 256, 2024, AMD_INST + "/mi300/mi325x.html", 2024, "OAM; peak TBP"),
    ("amd-mi350x", "AMD", "gpu", "Instinct MI350X", 1000, "tdp", None, 288, 2025, AMD_INST + "/mi350/mi350x.html", 2025, "OAM, air-cooled; TBP as announced at AMD Advancing AI 2025"),
    ("amd-mi355x", "AMD", "gpu", "Instinct MI355X", 1400, "tdp", None, 288, 2025, AMD_INST + "/mi350/mi355x.html", 2025, "OAM, liquid-cooled; TBP as announced at AMD Advancing AI 2025"),
    ("amd-radeon-rx-7900-xtx", "AMD", "gpu", "Radeon RX 7900 XTX", 355, "tdp", None, 24, 2022, "https://www.amd.com/en/products/graphics/desktops/radeon/7000-series/amd-radeon-rx-7900xtx.html", 2022, "Total Board Power"),
    ("amd-radeon-pro-w7900", "AMD", "gpu", "Radeon PRO W7900", 295, "tdp", None, 48, 2023, "https://www.amd.com/en/products/graphics/workstations/radeon-pro/w7900.html", 2023, "Total Board Power"),
    # ---------------- Intel ----------------
    ("intel-gaudi2", "Intel", "accelerator", "Gaudi 2 (HL-225H OAM)", 600, "tdp", None, 96, 2022, "https://www.intel.com/content/www/us/en/products/details/processors/ai-accelerators/gaudi2.html", 2022, "OAM module TDP (reference copy marks this unverified: check the Gaudi 2 product brief)"),
    ("intel-gaudi3-oam", "Intel", "accelerator", "Gaudi 3 (HL-325L OAM)", 900, "tdp", None, 128, 2024, "https://www.intel.com/content/www/us/en/content-details/817486/intel-gaudi-3-ai-accelerator-white-paper.html", 2024, "air-cooled OAM TDP per Intel's Gaudi 3 white paper"),
    ("intel-gaudi3-pcie", "Intel", "accelerator", "Gaudi 3 (HL-338 PCIe)", 600, "tdp", None, 128, 2024, "https://www.intel.com/content/www/us/en/content-details/817486/intel-gaudi-3-ai-accelerator-white-paper.html", 2024, "PCIe add-in card TDP per Intel's Gaudi 3 white paper"),
    ("intel-max-1550", "Intel", "gpu", "Data Center GPU Max 1550", 600, "tdp", None, 128, 2023, "https://www.intel.com/content/www/us/en/products/details/discrete-gpus/data-center-gpu/max-series.html", 2023, "OAM"),
    ("intel-max-1100", "Intel", "gpu", "Data Center GPU Max 1100", 300, "tdp", None, 48, 2023, "https://www.intel.com/content/www/us/en/products/details/discrete-gpus/data-center-gpu/max-series.html", 2023, "PCIe card"),
    # ---------------- Google TPU ----------------
    ("google-tpu-v2", "Google", "tpu", "TPU v2 (per chip)", 221, "measured_avg", None, 16, 2017, PATTERSON, 2021, "measured average per-chip power during training (Patterson et al. 2021), not a TDP. Green Algorithms v3.0 lists 280 W, which disagrees"),
    ("google-tpu-v3", "Google", "tpu", "TPU v3 (per chip)", 283, "measured_avg", None, 32, 2018, PATTERSON, 2021, "measured average per-chip power (Patterson et al. 2021), not a TDP; other sources give 220 W or 450 W"),
    ("google-tpu-v4", "Google", "tpu", "TPU v4 (per chip)", 192, "tdp", None, 32, 2021, "https://arxiv.org/abs/2304.01433", 2023, "maximum per-chip power reported by Google (Jouppi et al., ISCA 2023); mean 170 W"),
    ("google-tpu-v5e", "Google", "tpu", "TPU v5e (per chip)", None, "unpublished", None, 16, 2023, "https://cloud.google.com/tpu/docs/v5e", 2023, "power not published by Google (only performance per watt)"),
    ("google-tpu-v5p", "Google", "tpu", "TPU v5p (per chip)", None, "unpublished", None, 95, 2023, "https://cloud.google.com/tpu/docs/v5p", 2023, "power not published by Google (only performance per watt)"),
    ("google-tpu-v6e", "Google", "tpu", "TPU v6e Trillium (per chip)", None, "unpublished", None, 32, 2024, "https://cloud.google.com/tpu/docs/v6e", 2024, "power not published by Google (only performance per watt)"),
    ("google-tpu-v7", "Google", "tpu", "TPU7x Ironwood (per chip)", None, "unpublished", None, 192, 2025, "https://blog.google/products/google-cloud/ironwood-tpu-age-of-inference/", 2025, "power not published by Google (only performance per watt)"),
    # ---------------- AWS ----------------
    ("aws-inferentia", "AWS", "accelerator", "Inferentia (Inf1)", None, "unpublished", None, 8, 2019, "https://aws.amazon.com/machine-learning/inferentia/", 2019, "power not published by AWS"),
    ("aws-inferentia2", "AWS", "accelerator", "Inferentia2 (Inf2)", None, "unpublished", None, 32, 2023, "https://aws.amazon.com/machine-learning/inferentia/", 2023, "power not published by AWS"),
    ("aws-trainium", "AWS", "accelerator", "Trainium (Trn1)", None, "unpublished", None, 32, 2022, "https://aws.amazon.com/machine-learning/trainium/", 2022, "power not published by AWS"),
    ("aws-trainium2", "AWS", "accelerator", "Trainium2 (Trn2)", None, "unpublished", None, 96, 2024, "https://aws.amazon.com/machine-learning/trainium/", 2024, "power not published by AWS"),
    # ---------------- Apple silicon (whole-machine wall power) ----------------
    ("apple-m1", "Apple", "soc", "M1 (Mac mini 2020)", None, "unpublished", None, None, 2020, APPLE_MINI, 2020, "power not published by Apple as a SoC TDP; Apple's Mac mini power page gives whole-machine figures (not verified here for M1)"),
    ("apple-m1-pro", "Apple", "soc", "M1 Pro", None, "unpublished", None, None, 2021, "https://www.apple.com/newsroom/2021/10/introducing-m1-pro-and-m1-max-the-most-powerful-chips-apple-has-ever-built/", 2021, "power not published by Apple (laptop-only chip; Apple gives no load power for notebooks)"),
    ("apple-m1-max", "Apple", "soc", "M1 Max (Mac Studio 2022, whole machine)", 115, "system_wall", None, None, 2022, APPLE_STUDIO, 2022, "maximum wall power of the whole Mac Studio (idle 11 W); includes PSU losses, fans, memory and SSD"),
    ("apple-m1-ultra", "Apple", "soc", "M1 Ultra (Mac Studio 2022, whole machine)", 215, "system_wall", None, None, 2022, APPLE_STUDIO, 2022, "maximum wall power of the whole Mac Studio (idle 13 W)"),
    ("apple-m2", "Apple", "soc", "M2 (Mac mini 2023, whole machine)", 50, "system_wall", None, None, 2023, APPLE_MINI, 2023, "maximum wall power of the whole Mac mini (idle 7 W) per Apple's Mac mini power page; not cross-checked in the reference copy"),
    ("apple-m2-pro", "Apple", "soc", "M2 Pro", None, "unpublished", None, None, 2023, APPLE_MINI, 2023, "power not tabulated: figures for the M2 Pro Mac mini seen in secondary sources disagree; check Apple's page before adding"),
    ("apple-m2-max", "Apple", "soc", "M2 Max (Mac Studio 2023, whole machine)", 145, "system_wall", None, None, 2023, APPLE_STUDIO, 2023, "maximum wall power of the whole Mac Studio (idle 9 W)"),
    ("apple-m2-ultra", "Apple", "soc", "M2 Ultra (Mac Studio 2023, whole machine)", 295, "system_wall", None, None, 2023, APPLE_STUDIO, 2023, "maximum wall power of the whole Mac Studio (idle 10 W)"),
    ("apple-m3", "Apple", "soc", "M3", None, "unpublished", None, None, 2023, "https://www.apple.com/newsroom/2023/10/apple-unveils-m3-m3-pro-and-m3-max-the-most-advanced-chips-for-a-personal-computer/", 2023, "power not published by Apple"),
    ("apple-m3-pro", "Apple", "soc", "M3 Pro", None, "unpublished", None, None, 2023, "https://www.apple.com/newsroom/2023/10/apple-unveils-m3-m3-pro-and-m3-max-the-most-advanced-chips-for-a-personal-computer/", 2023, "power not published by Apple"),
    ("apple-m3-max", "Apple", "soc", "M3 Max", None, "unpublished", None, None, 2023, "https://www.apple.com/newsroom/2023/10/apple-unveils-m3-m3-pro-and-m3-max-the-most-advanced-chips-for-a-personal-computer/", 2023, "power not published by Apple"),
    ("apple-m3-ultra", "Apple", "soc", "M3 Ultra (Mac Studio 2025)", None, "unpublished", None, None, 2025, APPLE_STUDIO, 2025, "power not verified here: Apple's Mac Studio power page covers the 2025 model; add its max wall power once checked"),
    ("apple-m4", "Apple", "soc", "M4 (Mac mini 2024, whole machine)", 65, "system_wall", None, None, 2024, APPLE_MINI, 2024, "maximum wall power of the whole Mac mini (idle 4 W) per Apple's Mac mini power page"),
    ("apple-m4-pro", "Apple", "soc", "M4 Pro (Mac mini 2024, whole machine)", 140, "system_wall", None, None, 2024, APPLE_MINI, 2024, "maximum wall power of the whole Mac mini (idle 5 W) per Apple's Mac mini power page; not cross-checked in the reference copy"),
    ("apple-m4-max", "Apple", "soc", "M4 Max (Mac Studio 2025)", None, "unpublished", None, None, 2025, APPLE_STUDIO, 2025, "power not verified here: Apple's Mac Studio power page covers the 2025 model; add its max wall power once checked"),
    # ---------------- server CPUs ----------------
    ("amd-epyc-7742", "AMD", "cpu", "EPYC 7742", 225, "tdp", 64, None, 2019, "https://www.amd.com/en/products/processors/server/epyc/7002-series/amd-epyc-7742.html", 2019, "default TDP (cTDP 225-240 W)"),
    ("amd-epyc-7543", "AMD", "cpu", "EPYC 7543", 225, "tdp", 32, None, 2021, "https://www.amd.com/en/products/processors/server/epyc/7003-series/amd-epyc-7543.html", 2021, "default TDP"),
    ("amd-epyc-7763", "AMD", "cpu", "EPYC 7763", 280, "tdp", 64, None, 2021, "https://www.amd.com/en/products/processors/server/epyc/7003-series/amd-epyc-7763.html", 2021, "default TDP"),
    ("amd-epyc-9554", "AMD", "cpu", "EPYC 9554", 360, "tdp", 64, None, 2022, "https://www.amd.com/en/products/processors/server/epyc/4th-generation-9004-and-8004-series/amd-epyc-9554.html", 2022, "default TDP"),
    ("amd-epyc-9654", "AMD", "cpu", "EPYC 9654", 360, "tdp", 96, None, 2022, "https://www.amd.com/en/products/processors/server/epyc/4th-generation-9004-and-8004-series/amd-epyc-9654.html", 2022, "default TDP (cTDP up to 400 W)"),
    ("amd-epyc-9684x", "AMD", "cpu", "EPYC 9684X", 400, "tdp", 96, None, 2023, "https://www.amd.com/en/products/processors/server/epyc/4th-generation-9004-and-8004-series/amd-epyc-9684x.html", 2023, "default TDP"),
    ("amd-epyc-9754", "AMD", "cpu", "EPYC 9754", 360, "tdp", 128, None, 2023, "https://www.amd.com/en/products/processors/server/epyc/4th-generation-9004-and-8004-series/amd-epyc-9754.html", 2023, "default TDP"),
    ("amd-epyc-9575f", "AMD", "cpu", "EPYC 9575F", 400, "tdp", 64, None, 2024, "https://www.amd.com/en/products/processors/server/epyc/9005-series/amd-epyc-9575f.html", 2024, "default TDP"),
    ("amd-epyc-9755", "AMD", "cpu", "EPYC 9755", 500, "tdp", 128, None, 2024, "https://www.amd.com/en/products/processors/server/epyc/9005-series/amd-epyc-9755.html", 2024, "default TDP"),
    ("amd-epyc-9965", "AMD", "cpu", "EPYC 9965", 500, "tdp", 192, None, 2024, "https://www.amd.com/en/products/processors/server/epyc/9005-series/amd-epyc-9965.html", 2024, "default TDP"),
    ("intel-xeon-gold-6248", "Intel", "cpu", "Xeon Gold 6248", 150, "tdp", 20, None, 2019, "https://www.intel.com/content/www/us/en/products/sku/192446/intel-xeon-gold-6248-processor-27-5m-cache-2-50-ghz/specifications.html", 2019, ""),
    ("intel-xeon-platinum-8280", "Intel", "cpu", "Xeon Platinum 8280", 205, "tdp", 28, None, 2019, "https://www.intel.com/content/www/us/en/products/sku/192478/intel-xeon-platinum-8280-processor-38-5m-cache-2-70-ghz/specifications.html", 2019, ""),
    ("intel-xeon-platinum-8358", "Intel", "cpu", "Xeon Platinum 8358", 250, "tdp", 32, None, 2021, "https://www.intel.com/content/www/us/en/products/details/processors/xeon/scalable/platinum.html", 2021, ""),
    ("intel-xeon-platinum-8380", "Intel", "cpu", "Xeon Platinum 8380", 270, "tdp", 40, None, 2021, "https://www.intel.com/content/www/us/en/products/sku/212287/intel-xeon-platinum-8380-processor-60m-cache-2-30-ghz/specifications.html", 2021, ""),
    ("intel-xeon-platinum-8480-plus", "Intel", "cpu", "Xeon Platinum 8480+", 350, "tdp", 56, None, 2023, "https://www.intel.com/content/www/us/en/products/sku/231746/intel-xeon-platinum-8480-processor-105m-cache-2-00-ghz/specifications.html", 2023, ""),
    ("intel-xeon-platinum-8592-plus", "Intel", "cpu", "Xeon Platinum 8592+", 350, "tdp", 64, None, 2023, "https://www.intel.com/content/www/us/en/products/sku/237261/intel-xeon-platinum-8592-processor-320m-cache-1-90-ghz/specifications.html", 2023, ""),
    ("intel-xeon-6980p", "Intel", "cpu", "Xeon 6980P", 500, "tdp", 128, None, 2024, "https://www.intel.com/content/www/us/en/products/sku/240777/intel-xeon-6980p-processor-504m-cache-2-00-ghz/specifications.html", 2024, ""),
    ("ampere-altra-q80-30", "Ampere", "cpu", "Altra Q80-30", 210, "tdp", 80, None, 2020, "https://amperecomputing.com/products/processors", 2020, "Arm Neoverse N1"),
    ("ampere-altra-max-m128-30", "Ampere", "cpu", "Altra Max M128-30", 250, "tdp", 128, None, 2021, "https://amperecomputing.com/products/processors", 2021, "Arm Neoverse N1"),
    ("nvidia-grace-superchip", "NVIDIA", "cpu", "Grace CPU Superchip (2 x 72 cores)", 500, "tdp", 144, 480, 2023, "https://www.nvidia.com/en-us/data-center/grace-cpu-superchip/", 2023, "module power INCLUDING up to 480 GB LPDDR5X memory, so W per core overstates the cores alone"),
    ("aws-graviton2", "AWS", "cpu", "Graviton2", None, "unpublished", 64, None, 2020, "https://aws.amazon.com/ec2/graviton/", 2020, "power not published by AWS"),
    ("aws-graviton3", "AWS", "cpu", "Graviton3", None, "unpublished", 64, None, 2022, "https://aws.amazon.com/ec2/graviton/", 2022, "power not published by AWS"),
    ("aws-graviton4", "AWS", "cpu", "Graviton4", None, "unpublished", 96, None, 2024, "https://aws.amazon.com/ec2/graviton/", 2024, "power not published by AWS"),
    # ---------------- desktop / workstation CPUs ----------------
    ("intel-core-i9-13900k", "Intel", "cpu", "Core i9-13900K", 125, "tdp", 24, None, 2022, "https://www.intel.com/content/www/us/en/products/sku/230496/intel-core-i913900k-processor-36m-cache-up-to-5-80-ghz/specifications.html", 2022, "Processor Base Power 125 W; Maximum Turbo Power 253 W; 8 P-cores + 16 E-cores"),
    ("intel-core-i9-14900k", "Intel", "cpu", "Core i9-14900K", 125, "tdp", 24, None, 2023, "https://www.intel.com/content/www/us/en/products/sku/236773/intel-core-i9-processor-14900k-36m-cache-up-to-6-00-ghz/specifications.html", 2023, "Processor Base Power 125 W; Maximum Turbo Power 253 W; 8 P-cores + 16 E-cores"),
    ("amd-ryzen-9-7950x", "AMD", "cpu", "Ryzen 9 7950X", 170, "tdp", 16, None, 2022, "https://www.amd.com/en/products/processors/desktops/ryzen/7000-series/amd-ryzen-9-7950x.html", 2022, "default TDP (package power tracking limit 230 W)"),
    ("amd-ryzen-9-9950x", "AMD", "cpu", "Ryzen 9 9950X", 170, "tdp", 16, None, 2024, "https://www.amd.com/en/products/processors/desktops/ryzen/9000-series/amd-ryzen-9-9950x.html", 2024, "default TDP"),
    ("amd-threadripper-pro-7995wx", "AMD", "cpu", "Ryzen Threadripper PRO 7995WX", 350, "tdp", 96, None, 2023, "https://www.amd.com/en/products/processors/workstations/ryzen-threadripper/7000-wx-series/amd-ryzen-threadripper-pro-7995wx.html", 2023, "default TDP"),
]

HW_COLS = "id,vendor,kind,name,power_w,power_basis,cores,memory_gb,released,source_url,year,note".split(",")


def build_hardware(ref: Path) -> list[dict]:
    # cross-check CPU TDPs against CodeCarbon's table (MIT) -- warn only
    cc = {}
    with open(ref / "codecarbon/cpu_power.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            try:
                cc[r["Name"].strip().lower()] = float(r["TDP"])
            except (ValueError, KeyError):
                pass
    rows = []
    for t in HARDWARE:
        (hid, vendor, kind, name, pw, basis, cores, mem, rel, url, year, note) = t
        if pw is None:
            assert basis == "unpublished", hid
            assert "not published" in note or "not tabulated" in note or "not verified" in note, hid
        if kind == "cpu" and pw is not None:
            key = f"{vendor} {name}".lower()
            if key in cc and abs(cc[key] - pw) > 0.5:
                print(f"  note: CodeCarbon TDP for {key} = {cc[key]} W vs ours {pw} W", file=sys.stderr)
        rows.append(dict(id=hid, vendor=vendor, kind=kind, name=name, power_w=num(pw),
                         power_basis=basis, cores=num(cores), memory_gb=num(mem),
                         released=num(rel), source_url=url, year=year, note=note))
    return rows


# --------------------------------------------------------------------------------------
# 2. grid zones (countries here; sub-national zones, sources, mix and factors in grid_tables.py)
# --------------------------------------------------------------------------------------
OWID_URL = grid_tables.OWID_URL

SKIPPED_COUNTRIES: list[str] = []
CONTINENT_NAMES = {"AF": "Africa", "AS": "Asia", "EU": "Europe", "NA": "North America",
                   "SA": "South America", "OC": "Oceania", "AN": "Antarctica"}
CONTINENT_OVERRIDE = {"XK": "Europe", "TL": "Asia", "EH": "Africa", "SX": "North America",
                      "VA": "Europe", "AQ": "Antarctica", "UM": "Oceania", "PN": "Oceania",
                      "TF": "Africa", "BQ": "North America", "CW": "North America"}
GZ_COLS = grid_tables.GZ_COLS
GS_COLS = grid_tables.GS_COLS
GM_COLS = grid_tables.GM_COLS
GF_COLS = grid_tables.GF_COLS


def continent_of(a2: str) -> str:
    if a2 in CONTINENT_OVERRIDE:
        return CONTINENT_OVERRIDE[a2]
    try:
        return CONTINENT_NAMES[pcc.country_alpha2_to_continent_code(a2)]
    except Exception:
        raise SystemExit(f"no continent for {a2}: add it to CONTINENT_OVERRIDE")


def build_country_rows(ref: Path) -> list[dict]:
    """WORLD and every country: Ember's lifecycle intensity via OWID, latest year per country."""
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
                         continent=continent_of(a2), intensity=v, year=y))
    if skipped:
        print(f"  skipped OWID codes: {skipped}", file=sys.stderr)
    rows.sort(key=lambda r: r["zone_id"])
    y, v, _ = latest["OWID_WRL"]
    rows.insert(0, dict(zone_id="WORLD", name="World", country_iso2="", kind="world", continent="World",
                        intensity=v, year=y))
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


def first_url(s: str, prefer: str) -> str:
    urls = re.findall(r"https?://[^\s;,)]+", s or "")
    for u in urls:
        if prefer in u:
            return u
    return urls[0] if urls else ""


def build_cloud_regions(ref: Path, zone_ids: set[str], decisions: list[str]) -> list[dict]:
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
            zone = grid_tables.zone_for_region(c2, sub, zone_ids)
            if c2 in ("US", "CA", "AU", "IN") and zone == c2:
                decisions.append(f"{p}:{code} -> {c2} (no sub-national zone for subdivision {sub or 'not disclosed'!r})")
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
    hw = load("hardware.csv")
    assert [*hw[0].keys()] == HW_COLS
    ids = [r["id"] for r in hw]
    assert len(ids) == len(set(ids)), Counter(ids).most_common(3)
    for r in hw:
        assert re.fullmatch(r"[a-z0-9-]+", r["id"]), r["id"]
        assert r["kind"] in ("gpu", "tpu", "accelerator", "cpu", "soc"), r
        assert r["power_basis"] in ("tdp", "measured_avg", "system_wall", "unpublished"), r
        if r["power_w"]:
            assert float(r["power_w"]) > 0 and r["power_basis"] != "unpublished", r
        else:
            assert r["power_basis"] == "unpublished" and r["note"], r
        if r["kind"] == "cpu":
            assert r["cores"] and int(r["cores"]) > 0, r
        else:
            assert r["cores"] == "", r
        assert isurl(r["source_url"]) and isyear(r["year"]), r
        assert r["released"] == "" or isyear(r["released"]), r
    counts["hardware.csv"] = len(hw)

    gs = {r["source_id"]: r for r in load("grid_sources.csv")}
    for r in gs.values():
        assert isurl(r["source_url"]) and r["licence"] and r["basis"] and r["publisher"], r
        assert r["status"] in ("verified", "secondary"), r
    gf = load("grid_factors.csv")
    assert [*gf[0].keys()] == GF_COLS
    fkeys = set()
    for r in gf:
        assert 0 < float(r["g_co2e_per_kwh"]) < 2000 and isurl(r["source_url"]) and isyear(r["year"]), r
        assert r["status"] in ("verified", "secondary") and r["note"], r
        assert (r["factor_set"], r["fuel"]) not in fkeys, r
        fkeys.add((r["factor_set"], r["fuel"]))
    counts["grid_factors.csv"] = len(gf)
    gz = load("grid_zones.csv")
    assert [*gz[0].keys()] == GZ_COLS
    zids = [r["zone_id"] for r in gz]
    assert len(zids) == len(set(zids))
    byid = {r["zone_id"]: r for r in gz}
    gm = load("grid_mix.csv")
    assert [*gm[0].keys()] == GM_COLS
    mix = defaultdict(list)
    for r in gm:
        assert r["zone_id"] in byid, r
        f = next(x for x in gf if (x["factor_set"], x["fuel"]) == (r["factor_set"], r["fuel"]) or
                 (x["factor_set"], r["fuel"], x["fuel"]) == (r["factor_set"], "coal", "coal"))
        assert abs(float(f["g_co2e_per_kwh"]) - float(r["factor_g_per_kwh"])) < 1e-9, (r, f)
        mix[r["zone_id"]].append(r)
    counts["grid_mix.csv"] = len(gm)
    for r in gz:
        lc = float(r["lifecycle_g_per_kwh"])
        assert 0 < lc <= 2000, r
        assert isyear(r["lifecycle_year"]) and r["lifecycle_source_id"] in gs, r
        assert r["continent"] in ("Africa", "Asia", "Europe", "North America", "South America", "Oceania", "World", "Antarctica"), r
        assert r["lifecycle_method"] in (grid_tables.M_PUBLISHED, grid_tables.M_COUNTRY, grid_tables.M_ZONE, grid_tables.M_FLOOR), r
        if r["direct_g_per_kwh"]:
            assert isyear(r["direct_year"]) and r["direct_source_id"] in gs, r
            assert lc >= float(r["direct_g_per_kwh"]) or r["correction"], r
        else:
            assert not (r["direct_year"] or r["direct_source_id"]), r
        if r["kind"] == "subnational":
            p = byid[r["parent_zone"]]
            assert p["kind"] == "country" and p["country_iso2"] == r["country_iso2"], r
        if r["lifecycle_method"] != grid_tables.M_PUBLISHED:
            m, w = grid_tables.lifecycle_of(mix[r["zone_id"]])
            if r["lifecycle_method"] == grid_tables.M_FLOOR:
                assert m < lc and lc == float(r["direct_g_per_kwh"]), r
            else:
                assert abs(round(m, 2) - lc) < 1e-9, (r, m)
            assert abs(w - float(r["generation_gwh"])) < 0.06, (r, w)
    for c2 in {r["parent_zone"] for r in gz if r["parent_zone"]}:
        subs = [r for r in gz if r["parent_zone"] == c2]
        w = sum(float(r["generation_gwh"]) for r in subs)
        mean = sum(float(r["lifecycle_g_per_kwh"]) * float(r["generation_gwh"]) for r in subs) / w
        assert abs(mean / float(byid[c2]["lifecycle_g_per_kwh"]) - 1) <= 0.02, (c2, mean)
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

    hw = build_hardware(ref)
    zones, sources, mix, factors = grid_tables.build(ref, build_country_rows(ref), decisions)
    cr = build_cloud_regions(ref, {r["zone_id"] for r in zones}, decisions)
    write_csv(out / "hardware.csv", HW_COLS, hw)
    write_csv(out / "grid_zones.csv", GZ_COLS, zones)
    write_csv(out / "grid_sources.csv", GS_COLS, sources)
    write_csv(out / "grid_mix.csv", GM_COLS, mix)
    write_csv(out / "grid_factors.csv", GF_COLS, factors)
    write_csv(out / "cloud_regions.csv", CR_COLS, cr)
    write_csv(out / "pue.csv", PUE_COLS, build_pue())
    write_csv(out / "equivalents.csv", EQ_COLS, build_equivalents())
    for sc in SKIPPED_COUNTRIES:
        decisions.append(f"country left out of grid_zones: {sc}")
    print("\njoin decisions:")
    for d in decisions:
        print("  " + d)
    counts = self_check(out)
    print("\nself-check OK; data version", DATA_VERSION)
    for k, v in counts.items():
        print(f"  {k}: {v} rows")


if __name__ == "__main__":
    main()
