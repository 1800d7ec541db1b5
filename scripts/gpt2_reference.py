#!/usr/bin/python3
"""GPT-2 as Hugging Face's transformers defines it (GPT2LMHeadModel, GPT2ForSequenceClassification),
written with torch alone, for the lab's parity tests (src/core/huggingface/gpt2-parity.test.ts).

  make DIR [--vocab V --positions T --embd D --layers L --heads H --inner N --eps E --labels C
            --pad ID --seed S --dtype F32|F16|BF16 --bare]
      a random GPT-2 in Hugging Face's layout: DIR/model.safetensors and DIR/config.json.
      --bare saves GPT2Model's names (no "transformer." prefix) with the causal-mask buffers, as
      older files on the hub are.
  forward DIR IDS_JSON
      reads DIR/config.json and DIR/model.safetensors (F32, F16 or BF16) and prints
      {"logits": [B][T][V], "score": [B][C]} for the token ids [[...], ...] (score when the file has
      score.weight: the logits of the last non-padding token, as GPT2ForSequenceClassification).

Safetensors is read and written here with struct and json (Debian has no python3-safetensors).
The forward follows transformers' modeling_gpt2.py: learned positions, pre-LayerNorm blocks,
Conv1D linears (x @ W + b, W [in, out]), attention scores / sqrt(head size) with the causal mask
and the padding mask at finfo.min, gelu_new, ln_f, LM head tied to wte.
"""
import argparse
import json
import math
import struct
import sys

import torch

DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16}


def write_safetensors(path, tensors):
    header = {"__metadata__": {"format": "pt"}}
    chunks = []
    offset = 0
    for name, tensor in tensors.items():
        dtype_name, raw = encode_tensor(tensor)
        header[name] = {"dtype": dtype_name, "shape": list(tensor.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(text)))
        out.write(text)
        for raw in chunks:
            out.write(raw)


def encode_tensor(tensor):
    tensor = tensor.contiguous()
    if tensor.dtype == torch.float32:
        return "F32", tensor.numpy().astype("<f4").tobytes()
    if tensor.dtype == torch.float16:
        return "F16", tensor.numpy().astype("<f2").tobytes()
    if tensor.dtype == torch.bfloat16:
        return "BF16", tensor.view(torch.int16).numpy().astype("<i2").tobytes()
    raise ValueError(f"cannot write dtype {tensor.dtype}")


def read_safetensors(path):
    import numpy as np

    with open(path, "rb") as file:
        data = file.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + length])
    start = 8 + length
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        raw = data[start + begin : start + end]
        if entry["dtype"] == "F32":
            values = np.frombuffer(raw, dtype="<f4").astype(np.float32)
        elif entry["dtype"] == "F16":
            values = np.frombuffer(raw, dtype="<f2").astype(np.float32)
        elif entry["dtype"] == "BF16":
            values = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
        else:
            raise ValueError(f"{path}: tensor {name} has dtype {entry['dtype']}")
        tensors[name] = torch.from_numpy(values.copy()).reshape(entry["shape"])
    return tensors


def make(args):
    generator = torch.Generator().manual_seed(args.seed)

    def normal(*shape, std):
        return torch.randn(*shape, generator=generator) * std

    d, inner = args.embd, args.inner or 4 * args.embd
    prefix = "" if args.bare else "transformer."
    state = {
        prefix + "wte.weight": normal(args.vocab, d, std=0.3),
        prefix + "wpe.weight": normal(args.positions, d, std=0.3),
    }
    for i in range(args.layers):
        p = f"{prefix}h.{i}."
        state[p + "ln_1.weight"] = 1 + normal(d, std=0.2)
        state[p + "ln_1.bias"] = normal(d, std=0.2)
        state[p + "attn.c_attn.weight"] = normal(d, 3 * d, std=0.15)
        state[p + "attn.c_attn.bias"] = normal(3 * d, std=0.1)
        state[p + "attn.c_proj.weight"] = normal(d, d, std=0.15)
        state[p + "attn.c_proj.bias"] = normal(d, std=0.1)
        state[p + "ln_2.weight"] = 1 + normal(d, std=0.2)
        state[p + "ln_2.bias"] = normal(d, std=0.2)
        state[p + "mlp.c_fc.weight"] = normal(d, inner, std=0.15)
        state[p + "mlp.c_fc.bias"] = normal(inner, std=0.1)
        state[p + "mlp.c_proj.weight"] = normal(inner, d, std=0.15)
        state[p + "mlp.c_proj.bias"] = normal(d, std=0.1)
        if args.bare:
            state[p + "attn.bias"] = torch.tril(torch.ones(args.positions, args.positions)).view(1, 1, args.positions, args.positions)
    state[prefix + "ln_f.weight"] = 1 + normal(d, std=0.2)
    state[prefix + "ln_f.bias"] = normal(d, std=0.2)
    if args.labels:
        state["score.weight"] = normal(args.labels, d, std=0.3)
    dtype = DTYPES[args.dtype]
    write_safetensors(f"{args.dir}/model.safetensors", {name: t.to(dtype) for name, t in state.items()})
    config = {
        "model_type": "gpt2",
        "architectures": ["GPT2ForSequenceClassification" if args.labels else "GPT2LMHeadModel"],
        "vocab_size": args.vocab,
        "n_positions": args.positions,
        "n_embd": d,
        "n_layer": args.layers,
        "n_head": args.heads,
        "n_inner": args.inner,
        "activation_function": "gelu_new",
        "layer_norm_epsilon": args.eps,
        "pad_token_id": args.pad,
        "torch_dtype": {"F32": "float32", "F16": "float16", "BF16": "bfloat16"}[args.dtype],
    }
    if args.labels:
        config["id2label"] = {str(i): f"LABEL_{i}" for i in range(args.labels)}
    with open(f"{args.dir}/config.json", "w") as out:
        json.dump(config, out, indent=2)


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


def forward(args):
    with open(f"{args.dir}/config.json") as file:
        config = json.load(file)
    state = read_safetensors(f"{args.dir}/model.safetensors")
    state = {name[len("transformer.") :] if name.startswith("transformer.") else name: t for name, t in state.items()}
    with open(args.ids) as file:
        ids = torch.tensor(json.load(file), dtype=torch.long)
    d, n_head, eps = config["n_embd"], config["n_head"], config.get("layer_norm_epsilon", 1e-5)
    head_dim = d // n_head
    pad = config.get("pad_token_id")
    batch, length = ids.shape

    def conv1d(x, name):
        return torch.addmm(state[name + ".bias"], x.reshape(-1, x.shape[-1]), state[name + ".weight"]).reshape(*x.shape[:-1], -1)

    def layer_norm(x, name):
        return torch.nn.functional.layer_norm(x, (d,), state[name + ".weight"], state[name + ".bias"], eps)

    def split_heads(x):
        return x.view(batch, length, n_head, head_dim).permute(0, 2, 1, 3)

    attention_mask = None
    if pad is not None:
        keep = (ids != pad).to(torch.float32).view(batch, 1, 1, length)
        attention_mask = (1.0 - keep) * torch.finfo(torch.float32).min
    causal = torch.tril(torch.ones(length, length, dtype=torch.bool)).view(1, 1, length, length)

    hidden = state["wte.weight"][ids] + state["wpe.weight"][torch.arange(length)]
    for i in range(config["n_layer"]):
        p = f"h.{i}."
        residual = hidden
        qkv = conv1d(layer_norm(hidden, p + "ln_1"), p + "attn.c_attn")
        query, key, value = (split_heads(t) for t in qkv.split(d, dim=2))
        weights = torch.matmul(query, key.transpose(-1, -2)) / torch.full([], value.size(-1) ** 0.5)
        weights = torch.where(causal, weights, torch.finfo(weights.dtype).min)
        if attention_mask is not None:
            weights = weights + attention_mask
        weights = torch.softmax(weights, dim=-1)
        merged = torch.matmul(weights, value).permute(0, 2, 1, 3).reshape(batch, length, d)
        hidden = residual + conv1d(merged, p + "attn.c_proj")
        residual = hidden
        hidden = residual + conv1d(gelu_new(conv1d(layer_norm(hidden, p + "ln_2"), p + "mlp.c_fc")), p + "mlp.c_proj")
    hidden = layer_norm(hidden, "ln_f")
    out = {"logits": (hidden @ state["wte.weight"].T).tolist()}
    if "score.weight" in state:
        last = (ids != pad).int() * torch.arange(length) if pad is not None else torch.full((batch, length), length - 1)
        pooled = hidden[torch.arange(batch), last.argmax(-1)]
        out["score"] = (pooled @ state["score.weight"].T).tolist()
    json.dump(out, sys.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    m = commands.add_parser("make")
    m.add_argument("dir")
    for name, default in [("vocab", 300), ("positions", 16), ("embd", 32), ("layers", 2), ("heads", 4), ("labels", 0), ("pad", 0), ("seed", 0)]:
        m.add_argument(f"--{name}", type=int, default=default)
    m.add_argument("--inner", type=int, default=None)
    m.add_argument("--eps", type=float, default=1e-5)
    m.add_argument("--dtype", choices=sorted(DTYPES), default="F32")
    m.add_argument("--bare", action="store_true")
    f = commands.add_parser("forward")
    f.add_argument("dir")
    f.add_argument("ids")
    args = parser.parse_args()
    torch.set_grad_enabled(False)
    make(args) if args.command == "make" else forward(args)


if __name__ == "__main__":
    main()
