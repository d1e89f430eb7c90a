#!/usr/bin/python3
"""Golden values for the engine's tests, computed with PyTorch (Debian python3-torch). Run:
    /usr/bin/python3 plugins/engine/src/test/python/goldens.py
and paste the printed arrays into OpValuesTest / TorchTrajectoryTest; the tests themselves need no Python."""
import torch

torch.set_printoptions(precision=8)
x = torch.tensor([-3., -1., -0.5, 0., 0.5, 1., 3.])
print("gelu", torch.nn.functional.gelu(x).tolist())
print("softmax", torch.softmax(torch.tensor([1., 2., 3.]), 0).tolist())

# A 3-4-2 ReLU MLP, weights fixed by formula, trained 3 full-batch steps of Adam(lr=0.05) on cross-entropy.
def weights(out_f, in_f, scale, shift):
    return torch.tensor([[scale * ((o * in_f + i) % 7 - 3) + shift for i in range(in_f)] for o in range(out_f)])

l1 = torch.nn.Linear(3, 4)
l2 = torch.nn.Linear(4, 2)
with torch.no_grad():
    l1.weight.copy_(weights(4, 3, 0.2, 0.05)); l1.bias.copy_(torch.tensor([0.11, -0.09, 0.037, 0.013]))
    l2.weight.copy_(weights(2, 4, 0.3, -0.02)); l2.bias.copy_(torch.tensor([0.02, -0.03]))
model = torch.nn.Sequential(l1, torch.nn.ReLU(), l2)
X = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.3, -0.7], [-0.2, 0.8, 0.1], [2.0, -1.5, 0.4], [-1.0, -0.5, -2.0]])
y = torch.tensor([0, 1, 1, 0, 1])
opt = torch.optim.Adam(model.parameters(), lr=0.05)
for step in range(3):
    opt.zero_grad()
    loss = torch.nn.functional.cross_entropy(model(X), y)
    print("loss", step, loss.item())
    loss.backward()
    opt.step()
print("l1.weight", l1.weight.detach().flatten().tolist())
print("l1.bias", l1.bias.detach().tolist())
print("l2.weight", l2.weight.detach().flatten().tolist())
print("l2.bias", l2.bias.detach().tolist())
