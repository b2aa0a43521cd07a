#!/usr/bin/env python3
"""An oracle independent of the Java differ: the operation-level changes between two OpenAPI documents
(paths, methods, response statuses, parameters by location and name, request/response media types), with
the classification the module README's rules give them. Writes one line per change:
CLASSIFICATION rule METHOD subject. Run: python3 expected_operations.py old.json.gz new.json.gz > out.txt"""
import gzip, json, sys

METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

def load(p):
    with gzip.open(p, "rt", encoding="utf-8") as f:
        return json.load(f)

def resolve(doc, node):
    for _ in range(10):
        if not (isinstance(node, dict) and "$ref" in node):
            return node
        ref = node["$ref"]
        cur = doc
        for part in ref[2:].split("/"):
            cur = cur.get(part.replace("~1", "/").replace("~0", "~"), {})
        node = cur
    return node

def params(doc, item, op):
    out = {}
    for p in item.get("parameters", []) + op.get("parameters", []):
        p = resolve(doc, p)
        out[p.get("in", "?") + "/" + p.get("name", "?")] = p
    return out

a, b = load(sys.argv[1]), load(sys.argv[2])
out = []
def emit(cls, rule, method, subject):
    out.append(f"{cls} openapi.{rule} {method} {subject}")

for path, ia in a["paths"].items():
    ib = b["paths"].get(path)
    if ib is None:
        for m in METHODS:
            if m in ia:
                emit("BREAKING", "path_removed", m.upper(), path)
        continue
    for m in METHODS:
        if m not in ia:
            continue
        if m not in ib:
            emit("BREAKING", "operation_removed", m.upper(), path)
            continue
        oa, ob = ia[m], ib[m]
        pa, pb = params(a, ia, oa), params(b, ib, ob)
        for k, p in pa.items():
            q = pb.get(k)
            ra = bool(p.get("required", False))
            if q is None:
                emit("BREAKING", "required_parameter_removed" if ra else "parameter_removed", m.upper(), path + "#parameters/" + k)
                continue
            rb = bool(q.get("required", False))
            if not ra and rb:
                emit("BREAKING", "parameter_became_required", m.upper(), path + "#parameters/" + k)
            if ra and not rb:
                emit("ADDITIVE", "parameter_became_optional", m.upper(), path + "#parameters/" + k)
        for k, q in pb.items():
            if k not in pa:
                req = bool(q.get("required", False))
                emit("BREAKING" if req else "ADDITIVE", "required_parameter_added" if req else "parameter_added", m.upper(), path + "#parameters/" + k)
        ba, bb = resolve(a, oa.get("requestBody", {})), resolve(b, ob.get("requestBody", {}))
        if not ba.get("required", False) and bb.get("required", False):
            emit("BREAKING", "request_body_became_required", m.upper(), path + "#requestBody")
        if ba.get("required", False) and not bb.get("required", False):
            emit("ADDITIVE", "request_body_became_optional", m.upper(), path + "#requestBody")
        for t in ba.get("content", {}):
            if t not in bb.get("content", {}):
                emit("BREAKING", "media_type_removed", m.upper(), path + "#requestBody/" + t)
        for t in bb.get("content", {}):
            if t not in ba.get("content", {}):
                emit("ADDITIVE", "media_type_added", m.upper(), path + "#requestBody/" + t)
        rsa, rsb = oa.get("responses", {}), ob.get("responses", {})
        for s, r in rsa.items():
            if s not in rsb:
                emit("BREAKING", "response_removed", m.upper(), path + "#responses/" + s)
                continue
            ca, cb = resolve(a, r).get("content", {}), resolve(b, rsb[s]).get("content", {})
            for t in ca:
                if t not in cb:
                    emit("BREAKING", "media_type_removed", m.upper(), path + "#responses/" + s + "/" + t)
            for t in cb:
                if t not in ca:
                    emit("ADDITIVE", "media_type_added", m.upper(), path + "#responses/" + s + "/" + t)
        for s in rsb:
            if s not in rsa:
                emit("ADDITIVE", "response_added", m.upper(), path + "#responses/" + s)
    for m in METHODS:
        if m in ib and m not in ia:
            emit("ADDITIVE", "operation_added", m.upper(), path)
for path, ib in b["paths"].items():
    if path not in a["paths"]:
        for m in METHODS:
            if m in ib:
                emit("ADDITIVE", "path_added", m.upper(), path)
print("\n".join(sorted(out)))
