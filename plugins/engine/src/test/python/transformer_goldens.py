"""Goldens for TransformerGoldenTest: the engine's transformer pieces and a whole TransformerLm step in PyTorch.

Run with Debian's python3-torch:  /usr/bin/python3 plugins/engine/src/test/python/transformer_goldens.py
and paste the printed constants into TransformerGoldenTest.java. Inputs and weights are closed-form
(0.1 * sin(0.7 * i + k) for the k-th parameter, in TransformerLm.parameters() order), so Java rebuilds them
without a data file. Weights are stored as the engine stores them: linear layers as [in, out].
"""
import math
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)  # the reference in double; the engine runs float32


def fill(shape, k, scale=0.1):
    n = math.prod(shape)
    return torch.tensor([scale * math.sin(0.7 * i + k) for i in range(n)]).reshape(shape)


def probe(t):
    """sum(t * cos(0.3 i)): one number that moves with every element."""
    flat = t.reshape(-1)
    return float((flat * torch.tensor([math.cos(0.3 * i) for i in range(flat.numel())])).sum())


V, T, L, H, C, B = 11, 6, 2, 2, 8, 2
names, params = [], []


def param(name, shape, ones=False):
    p = (torch.ones(shape) + fill(shape, len(params)) if ones else fill(shape, len(params))).requires_grad_()
    names.append(name)
    params.append(p)
    return p


wte = param("wte", (V, C))
wpe = param("wpe", (T, C))
blocks = []
for l in range(L):
    p = f"h{l}."
    blocks.append(dict(
        ln1g=param(p + "ln1.weight", (C,), True), ln1b=param(p + "ln1.bias", (C,)),
        qkvW=param(p + "attn.qkv.weight", (C, 3 * C)), qkvB=param(p + "attn.qkv.bias", (3 * C,)),
        projW=param(p + "attn.proj.weight", (C, C)), projB=param(p + "attn.proj.bias", (C,)),
        ln2g=param(p + "ln2.weight", (C,), True), ln2b=param(p + "ln2.bias", (C,)),
        fcW=param(p + "mlp.fc.weight", (C, 4 * C)), fcB=param(p + "mlp.fc.bias", (4 * C,)),
        outW=param(p + "mlp.proj.weight", (4 * C, C)), outB=param(p + "mlp.proj.bias", (C,))))
lnfg = param("lnf.weight", (C,), True)
lnfb = param("lnf.bias", (C,))

windows = torch.tensor([[(3 * b + 5 * i * i + 1) % V for i in range(T + 1)] for b in range(B)])
inputs, targets = windows[:, :-1], windows[:, 1:]

x = wte[inputs] + wpe[torch.arange(T)]
for blk in blocks:
    h = F.layer_norm(x, (C,), blk["ln1g"], blk["ln1b"], 1e-5)
    q, k, v = (h @ blk["qkvW"] + blk["qkvB"]).split(C, dim=-1)
    heads = lambda t: t.reshape(B, T, H, C // H).transpose(1, 2)
    # Debian's torch 1.13 has no scaled_dot_product_attention: the masked-fill form it is defined as
    scores = heads(q) @ heads(k).transpose(-2, -1) / math.sqrt(C // H)
    scores = scores.masked_fill(torch.triu(torch.ones(T, T, dtype=torch.bool), 1), float("-inf"))
    a = F.softmax(scores, dim=-1) @ heads(v)
    a = a.transpose(1, 2).reshape(B, T, C) @ blk["projW"] + blk["projB"]
    x = x + a
    m = F.gelu(F.layer_norm(x, (C,), blk["ln2g"], blk["ln2b"], 1e-5) @ blk["fcW"] + blk["fcB"])
    x = x + (m @ blk["outW"] + blk["outB"])
logits = F.layer_norm(x, (C,), lnfg, lnfb, 1e-5) @ wte.T
loss = F.cross_entropy(logits.reshape(-1, V), targets.reshape(-1))
loss.backward()

print(f"// windows: {windows.tolist()}")
print(f"private static final double LOSS = {float(loss)!r};")
print(f"private static final double LOGITS_PROBE = {probe(logits)!r};")
print("private static final Map<String, Double> GRADIENT_PROBES = Map.ofEntries(")
print(",\n".join(f'        Map.entry("{n}", {probe(p.grad)!r})' for n, p in zip(names, params)) + ");")
