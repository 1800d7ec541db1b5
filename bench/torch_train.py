"""PyTorch reference for `npm run bench:train`: the lab's GPT (src/core/model/gpt.ts) trained on the CPU.

Same architecture as the TypeScript model: token + position embeddings, pre-LayerNorm blocks with causal
multi-head self-attention (fused QKV projection) and a tanh-GELU MLP, a final LayerNorm and an LM head tied to
the token embedding. Same step: causal LM cross-entropy over non-pad targets, global-norm clipping at 1, AdamW
(betas 0.9/0.95, eps 1e-8, weight decay 0.1 on the ".w" matrices only). Same batch shape: random tokens, the
last 1-3 positions of each row padding, [CLS] before them.

    /usr/bin/python3 bench/torch_train.py --preset small --batch 16 --length 64 --steps 20 --warmup 3

Prints one JSON object: tokens/s (median over the timed steps), ms per step, peak RSS, threads, versions.
"""

import argparse
import json
import math
import os
import resource
import statistics
import sys
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # spinning OpenMP workers starve each other on a shared machine
import torch
import torch.nn as nn
import torch.nn.functional as F

COMMON = dict(mlp_ratio=4, pad_id=0, cls_id=1, eps=1e-5)
PRESETS = {
    "nano": dict(COMMON, vocab=256, context=64, d=32, heads=2, layers=2),
    "small": dict(COMMON, vocab=2048, context=96, d=128, heads=4, layers=4),
    "base": dict(COMMON, vocab=4096, context=128, d=256, heads=8, layers=6),
}


class Block(nn.Module):
    def __init__(self, d, heads, hidden, eps):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(d, eps=eps)
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d, eps=eps)
        self.fc = nn.Linear(d, hidden)
        self.fc_proj = nn.Linear(hidden, d)

    def attention(self, x, bias):
        B, T, d = x.shape
        hd = d // self.heads
        q, k, v = self.qkv(x).split(d, dim=2)
        q, k, v = (t.view(B, T, self.heads, hd).transpose(1, 2) for t in (q, k, v))
        scores = q @ k.transpose(-2, -1) * (1.0 / math.sqrt(hd)) + bias
        mixed = scores.softmax(dim=-1) @ v
        return self.proj(mixed.transpose(1, 2).reshape(B, T, d))

    def forward(self, x, bias):
        x = x + self.attention(self.ln1(x), bias)
        return x + self.fc_proj(F.gelu(self.fc(self.ln2(x)), approximate="tanh"))


class Gpt(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        d = cfg["d"]
        self.wte = nn.Embedding(cfg["vocab"], d)
        self.wpe = nn.Embedding(cfg["context"], d)
        self.blocks = nn.ModuleList(Block(d, cfg["heads"], cfg["mlp_ratio"] * d, cfg["eps"]) for _ in range(cfg["layers"]))
        self.lnf = nn.LayerNorm(d, eps=cfg["eps"])
        residual_std = 0.02 / math.sqrt(2 * cfg["layers"])
        for name, p in self.named_parameters():
            if name.endswith("bias"):
                nn.init.zeros_(p)
            elif "ln" in name:
                nn.init.ones_(p)
            else:
                nn.init.normal_(p, std=residual_std if name.endswith("proj.weight") else 0.02)

    def loss(self, ids):
        B, T = ids.shape
        pad = self.cfg["pad_id"]
        causal = torch.full((T, T), -1e9).triu(1)
        bias = causal.view(1, 1, T, T) + (ids == pad).float().mul(-1e9).view(B, 1, 1, T)
        x = self.wte(ids) + self.wpe.weight[:T]
        for block in self.blocks:
            x = block(x, bias)
        logits = self.lnf(x) @ self.wte.weight.t()  # tied LM head
        targets = torch.cat([ids[:, 1:], torch.full((B, 1), pad, dtype=ids.dtype)], dim=1)
        return F.cross_entropy(logits.view(B * T, -1), targets.view(-1), ignore_index=pad)


def synthetic_batch(cfg, rows, length, generator):
    ids = torch.randint(2, cfg["vocab"], (rows, length), generator=generator)
    for r in range(rows):
        last = length - 1 - int(torch.randint(0, min(3, length - 1), (1,), generator=generator))
        ids[r, last] = cfg["cls_id"]
        ids[r, last + 1:] = cfg["pad_id"]
    return ids


def optimizer_for(model):
    # Decay the ".w" matrices of the lab's naming: every nn.Linear weight; not embeddings, norms or biases.
    decay = [p for n, p in model.named_parameters() if n.endswith("weight") and ".ln" not in n and not n.startswith(("wte", "wpe", "lnf"))]
    ids = {id(p) for p in decay}
    rest = [p for p in model.parameters() if id(p) not in ids]
    groups = [{"params": decay, "weight_decay": 0.1}, {"params": rest, "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=1e-4, betas=(0.9, 0.95), eps=1e-8)


def loaded_blas():
    """The BLAS library this process really loaded (Debian's libblas.so.3 alternative): OpenBLAS is
    about 10x faster than the reference BLAS that python3-torch gets without it."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "blas" in line.split()[-1]}
    except OSError:
        return "unknown"
    real = sorted({os.path.realpath(p) for p in paths if p.startswith("/")})
    if any("openblas" in p for p in real):
        return next(os.path.basename(os.path.dirname(p)) for p in real if "openblas" in p)
    if any(p.endswith("/blas/libblas.so.3") or "libblas.so.3" in p for p in real):
        return "reference"
    return ", ".join(os.path.basename(p) for p in real) or "none loaded"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", choices=sorted(PRESETS), default="small")
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--length", type=int, default=64)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    args = parser.parse_args()
    cfg = PRESETS[args.preset]
    if args.length > cfg["context"]:
        sys.exit(f"--length {args.length} exceeds the {args.preset} context length {cfg['context']}")

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = Gpt(cfg)
    optimizer = optimizer_for(model)
    ids = synthetic_batch(cfg, args.batch, args.length, torch.Generator().manual_seed(1))

    def step():
        loss = model.loss(ids)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        return loss.item()

    for _ in range(args.warmup):
        step()
    times = []
    for _ in range(args.steps):
        start = time.perf_counter()
        loss = step()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(json.dumps({
        "preset": args.preset,
        "batch": args.batch,
        "length": args.length,
        "steps": args.steps,
        "warmup": args.warmup,
        "tokensPerSecond": args.batch * args.length / median,
        "stepMs": median * 1000,
        "stepsMs": [t * 1000 for t in times],
        "lastLoss": loss,
        "peakRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "parameters": sum(p.numel() for p in model.parameters()),
        "threads": torch.get_num_threads(),
        "blas": loaded_blas(),
        "torch": torch.__version__,
        "python": sys.version.split()[0],
    }))


if __name__ == "__main__":
    main()
