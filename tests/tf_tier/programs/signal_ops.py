# tf.signal: FFTs (1d-3d, real and complex), shifts, frame/overlap_and_add, windows, stft and
# its inverse, mel matrices, MFCCs, DCTs; TF's errors; gradients (complex ones in TF's
# convention); inside tf.function.
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
x = tf.constant(rng.normal(size=[2, 8]).astype(np.float32))
z = tf.complex(x, tf.constant(rng.normal(size=[2, 8]).astype(np.float32)))

# %%
print(tf.signal.fft(z), tf.signal.ifft(z))
print(tf.signal.fft2d(z), tf.signal.ifft2d(tf.signal.fft2d(z)))
z3 = tf.reshape(tf.cast(z, tf.complex128), [2, 2, 4])
print(tf.signal.fft3d(z3), tf.signal.ifft3d(z3))
print(tf.signal.fft([1.0, 2.0, 3.0]), tf.signal.fft(tf.constant([1 + 1j, 2 - 1j])))

# %%
print(tf.signal.rfft(x), tf.signal.rfft(x, fft_length=[5]), tf.signal.rfft(x, fft_length=[12]))
print(tf.signal.irfft(tf.signal.rfft(x)), tf.signal.irfft(tf.signal.rfft(x), fft_length=[7]))
print(tf.signal.rfft2d(x), tf.signal.irfft2d(tf.signal.rfft2d(x)))
print(tf.signal.rfft2d(x, fft_length=[4, 6]), tf.signal.irfft2d(tf.signal.rfft2d(x), [2, 5]))
x3 = tf.reshape(tf.cast(x, tf.float64), [2, 2, 4])
print(tf.signal.rfft3d(x3), tf.signal.irfft3d(tf.signal.rfft3d(x3)))
print(tf.signal.fftshift(tf.range(10)), tf.signal.ifftshift(tf.range(10)))
print(tf.signal.fftshift(tf.reshape(tf.range(12), [3, 4]), axes=1), tf.signal.ifftshift([[1, 2, 3], [4, 5, 6]]))

# %%
sig = tf.range(10, dtype=tf.float32)
print(tf.signal.frame(sig, 4, 2), tf.signal.frame(sig, 4, 3, pad_end=True, pad_value=-1.0))
print(tf.signal.frame(tf.reshape(tf.range(24), [2, 12]), 5, 4))
print(tf.signal.frame(tf.reshape(tf.range(24), [6, 4]), 3, 2, axis=0))
print(tf.signal.frame(sig, 20, 2), tf.signal.frame(sig, 20, 2, pad_end=True).shape)
frames = tf.reshape(tf.range(12, dtype=tf.float32), [3, 4])
print(tf.signal.overlap_and_add(frames, 2), tf.signal.overlap_and_add(frames, 4))
print(tf.signal.overlap_and_add(tf.reshape(tf.range(24), [2, 3, 4]), 1))

# %%
print(tf.signal.hann_window(8), tf.signal.hann_window(7, periodic=False), tf.signal.hann_window(1))
print(tf.signal.hamming_window(6), tf.signal.hamming_window(5, periodic=False, dtype=tf.float64))
print(tf.signal.kaiser_window(7), tf.signal.kaiser_window(6, beta=3.0, dtype=tf.float64))
print(tf.signal.kaiser_bessel_derived_window(8), tf.signal.vorbis_window(6))

# %%
audio = tf.constant(np.sin(np.arange(400) * 0.1).astype(np.float32) + 0.1 * rng.normal(size=400).astype(np.float32))
s = tf.signal.stft(audio, frame_length=64, frame_step=32)
print(s.shape, s.dtype, np.round(np.abs(s.numpy()[:3, :6]), 3))
s2 = tf.signal.stft(tf.stack([audio, audio * 2]), 50, 25, fft_length=64, pad_end=True,
                    window_fn=tf.signal.hamming_window)
print(s2.shape, np.round(np.abs(s2.numpy()[1, :2, :5]), 3))
inv = tf.signal.inverse_stft(s, 64, 32, window_fn=tf.signal.inverse_stft_window_fn(32))
print(inv.shape, np.round(inv.numpy()[40:50], 4))
print(tf.signal.inverse_stft_window_fn(16)(64, tf.float32)[:8])
print(tf.signal.stft(audio, 64, 32, window_fn=None).shape)

# %%
mel = tf.signal.linear_to_mel_weight_matrix(8, 33, 8000, 100.0, 3900.0)
print(mel.shape, mel.dtype, np.round(mel.numpy()[::4], 5))
print(np.round(tf.signal.linear_to_mel_weight_matrix(dtype=tf.float64).numpy().sum(0), 5))
logmel = tf.math.log(tf.matmul(tf.abs(s), tf.signal.linear_to_mel_weight_matrix(8, 33, 16000, 20.0, 8000.0)) + 1e-6)
print(np.round(tf.signal.mfccs_from_log_mel_spectrograms(logmel).numpy()[:2], 4))

# %%
v = tf.constant(rng.normal(size=[2, 6]))
for t in (1, 2, 3, 4):
    print(t, tf.signal.dct(v, type=t), tf.signal.idct(tf.signal.dct(v, type=t), type=t))
print(tf.signal.dct(v, norm="ortho"), tf.signal.idct(tf.signal.dct(v, norm="ortho"), norm="ortho"))
print(tf.signal.dct(tf.cast(v, tf.float32), n=4), tf.signal.dct(v, n=8, type=3), tf.signal.dct(v, type=4, norm="ortho"))

# %%
for f in [lambda: tf.signal.fft(tf.constant([1.0])), lambda: tf.signal.rfft(tf.constant([1, 2])),
          lambda: tf.signal.irfft(tf.constant([1.0])), lambda: tf.signal.fft2d(tf.complex(tf.ones([3]), 0.0)),
          lambda: tf.signal.fftnd(tf.complex(tf.ones([2, 3]), 0.0)),
          lambda: tf.signal.ifftnd(tf.complex(tf.ones([2, 3]), 0.0), axes=[0]),
          lambda: tf.signal.rfftnd(tf.ones([2, 4]), fft_length=[2, 6], axes=[0, 1]),
          lambda: tf.signal.irfftnd(tf.complex(tf.ones([2, 3]), 0.0)),
          lambda: tf.signal.dct(v, type=5), lambda: tf.signal.dct(v, axis=0), lambda: tf.signal.dct(v, type=1, norm="ortho"),
          lambda: tf.signal.hann_window(4, dtype=tf.int32),
          lambda: tf.signal.linear_to_mel_weight_matrix(upper_edge_hertz=5000.0),
          lambda: tf.signal.linear_to_mel_weight_matrix(num_mel_bins=0)]:
    try:
        print(f())
    except Exception as e:  # noqa: BLE001
        print(type(e).__name__, e)

# %%
xg = tf.Variable(rng.normal(size=[6]).astype(np.float64))
zg = tf.Variable(tf.complex(tf.constant(rng.normal(size=[4])), tf.constant(rng.normal(size=[4]))))
w = tf.constant(rng.normal(size=[6]))
with tf.GradientTape(persistent=True) as tape:
    r = tf.signal.rfft(xg)
    loss1 = tf.reduce_sum(tf.abs(r) ** 2 * tf.cast(tf.range(4), tf.float64))
    f = tf.signal.fft(zg)
    loss2 = tf.reduce_sum(tf.math.real(f) * tf.constant([1.0, 2, 3, 4], tf.float64) + tf.math.imag(f) ** 2)
    loss3 = tf.reduce_sum(tf.signal.irfft(tf.complex(xg[:4], xg[2:])) * w[:6])
    loss4 = tf.reduce_sum(tf.signal.dct(xg, type=2, norm="ortho") * w) + tf.reduce_sum(tf.signal.idct(xg, type=4) * w)
    loss5 = tf.reduce_sum(tf.signal.overlap_and_add(tf.signal.frame(xg, 3, 2), 2) * tf.range(5, dtype=tf.float64))
    loss6 = tf.reduce_sum(tf.abs(tf.signal.stft(xg, 4, 2, fft_length=4)))
print(tape.gradient(loss1, xg), tape.gradient(loss2, zg))
print(tape.gradient(loss3, xg), tape.gradient(loss4, xg))
print(tape.gradient(loss5, xg), tape.gradient(loss6, xg))
print(tape.gradient(tf.signal.ifft2d(tf.reshape(zg, [2, 2])), zg), tape.gradient(f, zg))


# %%
@tf.function
def spectrogram(a):
    return tf.abs(tf.signal.stft(a, 64, 32))


@tf.function
def roundtrip(a):
    return tf.signal.irfft(tf.signal.rfft(a)), tf.signal.dct(a)


print(np.round(spectrogram(audio).numpy()[1, :5], 3), roundtrip(tf.range(6, dtype=tf.float32)))

# %%
# mdct / inverse_mdct: vorbis (default), no window with "ortho", another window, errors, gradient
xm = tf.constant(np.sin(np.arange(24) * 0.7), tf.float32)
m = tf.signal.mdct(xm, 8)
print(m, tf.signal.inverse_mdct(m))
print(tf.signal.mdct(tf.reshape(xm, [2, 12]), 4, window_fn=None, norm="ortho", pad_end=True))
print(tf.signal.inverse_mdct(tf.signal.mdct(xm, 8, norm="ortho"), norm="ortho", window_fn=None))
print(tf.signal.mdct(tf.cast(xm, tf.float64)[:10], 4, window_fn=tf.signal.hann_window))
for f in [lambda: tf.signal.mdct(xm, 6), lambda: tf.signal.inverse_mdct(xm), lambda: tf.signal.mdct(1., 4)]:
    try:
        f()
    except ValueError as e:
        print(type(e).__name__, e)
xv = tf.Variable(tf.cast(xm, tf.float64))
with tf.GradientTape() as t:
    y = tf.reduce_sum(tf.signal.mdct(xv, 8) ** 2)
print(t.gradient(y, xv))
