"""Summarises bench/run's measurements: medians, ratios, peak memory, pages per second."""

import csv
import statistics
import sys
from collections import defaultdict


def main(results_path: str, sizes_path: str) -> None:
    times = defaultdict(list)
    peaks = defaultdict(list)
    with open(results_path) as f:
        for row in csv.DictReader(f, delimiter="\t"):
            key = (int(row["size"]), row["tool"])
            times[key].append(float(row["seconds"]))
            peaks[key].append(int(row["peak_kb"]))
    output = {}
    with open(sizes_path) as f:
        for size, tool, _, kb, pages in csv.reader(f, delimiter="\t"):
            output[(int(size), tool)] = (int(kb), int(pages))
    print("| practices × 2 langs | tool | median s | min s | peak MiB | pages | pages/s |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    medians = {}
    for (size, tool), values in sorted(times.items()):
        median = statistics.median(values)
        medians[(size, tool)] = median
        name = "benchlearn-output" if tool.startswith("benchlearn") else "hugo-output"
        kb, pages = output.get((size, name), (0, 0))
        rate = f"{pages / median:.0f}" if tool != "hugo+pagefind" and median else "–"
        print(f"| {size} | {tool} | {median:.2f} | {min(values):.2f} | "
              f"{max(peaks[(size, tool)]) / 1024:.0f} | {pages if tool != 'hugo+pagefind' else '–'} | {rate} |")
    print()
    sizes = sorted({size for size, _ in medians})
    for size in sizes:
        ours = medians.get((size, "benchlearn"))
        stack = medians.get((size, "hugo+pagefind"))
        hugo = medians.get((size, "hugo"))
        if ours and stack:
            print(f"{size}: benchlearn / (hugo + pagefind) = {ours / stack:.2f}")
        bare = medians.get((size, "benchlearn-nosearch"))
        if bare and hugo:
            print(f"{size}: benchlearn without search / hugo = {bare / hugo:.2f}")
    if len(sizes) >= 2 and (sizes[0], "benchlearn") in medians:
        small, large = sizes[0], sizes[-1]
        growth = medians[(large, "benchlearn")] / medians[(small, "benchlearn")]
        print(f"benchlearn {large} / {small} practices = {growth:.2f} (linear would be {large / small:.1f})")
    for (size, tool), (kb, pages) in sorted(output.items()):
        print(f"{size}: {tool} {kb / 1024:.1f} MiB, {pages} HTML pages")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
