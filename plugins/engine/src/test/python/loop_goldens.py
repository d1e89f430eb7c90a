"""Goldens for TrainingLoopOrderTest: PyTorch's canonical loop -- zero_grad, forward, loss, backward,
clip_grad_norm_ BEFORE optimizer.step(), scheduler.step() AFTER it (once per epoch here, full batch) --
on a zero-initialised linear regression with SGD + momentum. Run: python3 loop_goldens.py"""
import torch

x = torch.tensor([[1.0, 2.0], [-1.0, 0.5], [3.0, -1.0], [0.0, 1.5], [2.0, 2.0], [-2.0, -1.0]])
y = torch.tensor([3.0, -1.0, 4.0, 1.0, 5.0, -3.0])
model = torch.nn.Linear(2, 1)
with torch.no_grad():
    model.weight.zero_()
    model.bias.zero_()
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)
for epoch in range(4):
    opt.zero_grad()
    loss = torch.nn.functional.mse_loss(model(x).squeeze(1), y)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=0.5)
    opt.step()
    sched.step()
    print("epoch", epoch + 1, "loss", repr(loss.item()), "lr after", sched.get_last_lr()[0])
print("weight", [repr(v) for v in model.weight.detach().flatten().tolist()])
print("bias", [repr(v) for v in model.bias.detach().tolist()])
