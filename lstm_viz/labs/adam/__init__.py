"""Adam's bias correction, measured: the numbers behind the Adam page (pages/3_Adam.py).

Adam (Kingma & Ba 2015, arXiv:1412.6980, Algorithm 1); the textbook writes rho1, rho2 for beta1,
beta2, s and t for the moments m and v, and n for the step counter (its code: ``ro_1 = 0.9``,
``ro_2 = 0.999``; its text says 0.99)::

    m_t = beta1 m_{t-1} + (1 - beta1) g_t,        v_t = beta2 v_{t-1} + (1 - beta2) g_t^2
    m_hat_t = m_t / (1 - beta1^t),                v_hat_t = v_t / (1 - beta2^t)
    step_t = lr m_hat_t / (sqrt(v_hat_t) + eps)   (with correction; theta_t = theta_{t-1} - step_t)
    step_t = lr m_t / (sqrt(v_t) + eps)           (without)

One module per section of the page, imported in this direction only:

- ``moments``: Adam on one scalar parameter, step by step, with and without the correction;
  the factors 1 / (1 - beta^t) and the ratio of the uncorrected to the corrected step.
- ``surfaces``: SGD, momentum and both Adams on two 2-D loss surfaces (a bowl and a valley).
- ``race``: the same four optimizers training one small LSTM on a memory task.

- ``compute``: the runs shared by every student (the default race and every demo's), the demos.
- ``text``: which "what to notice" sentences hold for a result, as ``Notice`` pairs (the
  sentence's name and its numbers, already formatted); the page translates them.
"""

RUNS = ("sgd", "momentum", "adam", "adam_uncorrected")  # the four optimizers compared

Notice = tuple[str, dict[str, str]]  # a "what to notice" sentence: catalogue key, its numbers
