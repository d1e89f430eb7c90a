"""The TransformerLm of plugins/engine (TransformerBench) in PyTorch: training and generation tokens per second.

/usr/bin/python3 bench/transformer.py [layers heads dim context batch vocab steps tokens]  (defaults 4 4 128 128 32 512 6 120)
Same architecture (pre-norm GPT-2 blocks, tied output layer, exact GELU, AdamW betas (0.9, 0.95) weight decay 0.1),
float32, torch's default thread count. Generation is the usual cached loop: keys and values of every block kept,
one new token per forward pass. Prints one JSON line.
"""
import json
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

args = [4, 4, 128, 128, 32, 512, 6, 120]
for i, a in enumerate(sys.argv[1:]):
    args[i] = int(a)
L, H, C, T, B, V, STEPS, TOKENS = args
torch.manual_seed(0)


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(C), nn.LayerNorm(C)
        self.qkv, self.proj = nn.Linear(C, 3 * C), nn.Linear(C, C)
        self.fc, self.out = nn.Linear(C, 4 * C), nn.Linear(4 * C, C)

    def forward(self, x, cache=None):
        b, t, _ = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(C, dim=-1)
        heads = lambda z: z.view(b, t, H, C // H).transpose(1, 2)
        q, k, v = heads(q), heads(k), heads(v)
        if cache is not None:
            if cache:
                k, v = torch.cat([cache[0], k], 2), torch.cat([cache[1], v], 2)
            cache[:] = [k, v]
        scores = q @ k.transpose(-2, -1) / math.sqrt(C // H)
        if t > 1:
            scores = scores.masked_fill(torch.triu(torch.ones(t, k.shape[2], dtype=torch.bool), 1 + k.shape[2] - t),
                                        float("-inf"))
        a = (F.softmax(scores, dim=-1) @ v).transpose(1, 2).reshape(b, t, C)
        x = x + self.proj(a)
        return x + self.out(F.gelu(self.fc(self.ln2(x))))


class Lm(nn.Module):
    def __init__(self):
        super().__init__()
        self.wte, self.wpe = nn.Embedding(V, C), nn.Embedding(T, C)
        self.blocks = nn.ModuleList(Block() for _ in range(L))
        self.lnf = nn.LayerNorm(C)

    def forward(self, idx, start=0, caches=None):
        x = self.wte(idx) + self.wpe(torch.arange(start, start + idx.shape[1]))
        for i, blk in enumerate(self.blocks):
            x = blk(x, None if caches is None else caches[i])
        return self.lnf(x) @ self.wte.weight.T


model = Lm()
decay = [p for n, p in model.named_parameters() if p.dim() == 2 and not n.startswith("w")]
rest = [p for n, p in model.named_parameters() if not (p.dim() == 2 and not n.startswith("w"))]
opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": rest, "weight_decay": 0.0}],
                        lr=6e-4, betas=(0.9, 0.95))
windows = torch.randint(0, V, (B, T + 1))


def step():
    opt.zero_grad()
    logits = model(windows[:, :-1])
    F.cross_entropy(logits.reshape(-1, V), windows[:, 1:].reshape(-1)).backward()
    opt.step()


step(); step()
t0 = time.perf_counter()
for _ in range(STEPS):
    step()
train = time.perf_counter() - t0


@torch.no_grad()
def generate(n):
    g = torch.Generator().manual_seed(1)
    caches = [[] for _ in range(L)]
    idx = torch.tensor([[1, 2, 3, 4]])
    logits = model(idx, 0, caches)[:, -1]
    pos = idx.shape[1]
    for _ in range(n):
        top = torch.topk(logits / 0.8, 40)
        choice = torch.multinomial(F.softmax(top.values, -1), 1, generator=g)
        nxt = top.indices.gather(-1, choice)
        logits = model(nxt, pos, caches)[:, -1]
        pos += 1


generate(32)
t0 = time.perf_counter()
generate(min(TOKENS, T - 5))
gen = time.perf_counter() - t0
print(json.dumps({"engine": "torch " + torch.__version__, "threads": torch.get_num_threads(),
                  "parameters": sum(p.numel() for p in model.parameters()),
                  "train_tokens_per_s": round(STEPS * B * T / train, 1),
                  "generate_tokens_per_s": round(min(TOKENS, T - 5) / gen, 1)}))
