"""Shared by the capture scripts: reading the server's records, writing captures."""
import json
import os


def split(params):
    """Flat API parameters → top-level ones, disks by N, tags by N, features."""
    top, disks, tags, features = {}, {}, {}, {}
    for key, value in params.items():
        parts = key.split(".")
        if parts[0] == "DiskDeviceMapping":
            disks.setdefault(int(parts[1]), {})[parts[2]] = value
        elif parts[0] == "Tag":
            tags.setdefault(int(parts[1]), {})[parts[2]] = value
        elif parts[0] == "Features":
            features[parts[1]] = value
        else:
            top[key] = value
    for numbered in (disks, tags):
        assert sorted(numbered) == list(range(1, len(numbered) + 1)), "members must be 1..N"
    return top, [disks[n] for n in sorted(disks)], [tags[n] for n in sorted(tags)], features


class Wire:
    """The requests the local server recorded since the last call."""

    def __init__(self, path):
        self.path = path
        open(path, "a").close()
        self.seen = os.path.getsize(path)

    def take(self):
        with open(self.path, "rb") as f:
            f.seek(self.seen)
            data = f.read()
        self.seen += len(data)
        records = [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]
        assert len(records) == 1, f"expected one request, got {len(records)}"
        return records[0]


def query_text(record):
    """The parameters as the gateway reads them: the URL's query, then a form body."""
    query = record["path"].split("?", 1)[1] if "?" in record["path"] else ""
    body = record["body"] if "form-urlencoded" in record["headers"].get("content-type", "") else ""
    return "&".join(part for part in (query, body) if part) + "\n"


def write(out, case, name, text):
    folder = os.path.join(out, case)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
        f.write(text)


def dump(value):
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
