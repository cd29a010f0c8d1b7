/*
 * weakties.graph._kernel: the linear passes of building a CSR graph, fused into two loops.
 *
 * graph_from_edges (csr.py) sorts packed 64-bit keys (source, neighbour, low bits) with
 * numpy; the passes around that sort (packing the keys, taking them apart, finding duplicate
 * pairs, counting row lengths) take as long as the sort itself when written as a dozen numpy
 * expressions, each of which reads and writes every entry. Here each side is one pass.
 *
 * The module is optional: csr.py keeps the pure-numpy code and uses it when this extension
 * was not built (no compiler) or is switched off (WEAKTIES_GRAPH_KERNEL=0). It uses only the
 * CPython C API and the buffer protocol, so building it needs nothing but a C compiler and the
 * Python headers (no numpy headers). Arrays arrive as 1-D C-contiguous buffers; their element
 * types are checked from the buffer format, and every loop runs without the GIL.
 *
 * Functions (see csr.py for how they are called):
 *   pack(src, dst, low, n, node_bits, low_bits, out, pivot) -> (written, split)
 *   unpack(keys, node_bits, low_bits, n, first_row, last_row, base, out_indices, out_low,
 *          out_indptr) -> unique
 *   unpack_max(keys, node_bits, low_bits, n, first_row, last_row, base, values, flags,
 *              out_indices, out_weights, out_inferred, out_indptr) -> unique
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* Bumped whenever a signature or a meaning changes, so that csr.py ignores a stale build (an
 * editable install keeps the compiled file beside this source until it is reinstalled). */
#define KERNEL_API 1

/* The kinds of element a buffer may hold. */
enum kind { K_SIGNED, K_UNSIGNED, K_FLOAT, K_BOOL, K_OTHER };

static enum kind buffer_kind(const Py_buffer *view)
{
    const char *format = view->format ? view->format : "B";
    /* Native byte order only (numpy marks any other with '<', '>' or '!'). */
    if (*format == '@' || *format == '=' || (*format == (PY_LITTLE_ENDIAN ? '<' : '>')))
        format++;
    if (format[0] == '\0' || format[1] != '\0')
        return K_OTHER;
    if (strchr("bhilqn", format[0]))
        return K_SIGNED;
    if (strchr("BHILQN", format[0]))
        return K_UNSIGNED;
    if (strchr("fd", format[0]))
        return K_FLOAT;
    if (format[0] == '?')
        return K_BOOL;
    return K_OTHER;
}

/* Take a 1-D C-contiguous buffer of ``kind`` with an element size in ``sizes`` (a bit mask of
 * allowed sizes: 1, 2, 4, 8). ``obj`` may be None only when ``optional``; then view->buf is
 * NULL and view->obj NULL. Returns 0, or -1 with an exception set. */
static int take_buffer(PyObject *obj, Py_buffer *view, const char *name, enum kind kind,
                       int sizes, int writable, int optional)
{
    memset(view, 0, sizeof(*view));
    if (obj == Py_None && optional)
        return 0;
    int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(obj, view, flags) < 0)
        return -1;
    int size_ok = (view->itemsize == 1 && (sizes & 1)) || (view->itemsize == 2 && (sizes & 2)) ||
                  (view->itemsize == 4 && (sizes & 4)) || (view->itemsize == 8 && (sizes & 8));
    if (view->ndim != 1 || buffer_kind(view) != kind || !size_ok) {
        PyErr_Format(PyExc_TypeError, "%s: wrong array type or shape (format %s, %zd bytes)",
                     name, view->format ? view->format : "B", view->itemsize);
        PyBuffer_Release(view);
        view->obj = NULL;
        return -1;
    }
    return 0;
}

static Py_ssize_t length(const Py_buffer *view)
{
    return view->obj ? view->len / view->itemsize : 0;
}

static void release(Py_buffer *view)
{
    if (view->obj)
        PyBuffer_Release(view);
}

/* Read element ``i`` of an unsigned buffer of any width. Used outside the hot loops only. */
static inline uint64_t read_unsigned(const void *buf, Py_ssize_t itemsize, Py_ssize_t i)
{
    switch (itemsize) {
    case 1:
        return ((const uint8_t *)buf)[i];
    case 2:
        return ((const uint16_t *)buf)[i];
    case 4:
        return ((const uint32_t *)buf)[i];
    default:
        return ((const uint64_t *)buf)[i];
    }
}

static int check_bits(Py_ssize_t n, int node_bits, int low_bits)
{
    if (n < 0 || node_bits < 1 || node_bits > 31 || low_bits < 1 ||
        2 * node_bits + low_bits > 64 || (uint64_t)n > ((uint64_t)1 << node_bits)) {
        PyErr_SetString(PyExc_ValueError, "keys do not fit: bad n, node_bits or low_bits");
        return -1;
    }
    return 0;
}

/* pack ---------------------------------------------------------------------------------------- */

/* Outcome of the loop, turned into an exception once the GIL is held again. */
enum pack_status { PACK_OK, PACK_BAD_ID, PACK_BAD_LOW };

/* One loop per width of ``low`` (none: the edge's index). Self-loops are skipped; each other
 * edge writes (source, neighbour, low) for both of its directions. Keys whose source is below
 * ``pivot`` fill ``out`` from the front, the others from the back. Which side a key goes to is
 * a coin toss the processor cannot predict, so there is no branch: each key is written to the
 * next free slot at both ends and only the side it belongs to moves on; the other copy lands
 * in free space and is overwritten later (front <= back - 1 holds while keys remain, and when
 * front == back - 1 both copies are the same slot). */
#define PACK_LOOP(LOW_EXPR)                                                                     \
    for (Py_ssize_t i = 0; i < m; i++) {                                                        \
        uint64_t s = (uint64_t)src[i], d = (uint64_t)dst[i];                                    \
        if (s >= un || d >= un) { /* negative ids wrap around to huge values */                 \
            status = PACK_BAD_ID;                                                               \
            bad = i;                                                                            \
            break;                                                                              \
        }                                                                                       \
        uint64_t l = (LOW_EXPR);                                                                \
        if (l > low_mask) {                                                                     \
            status = PACK_BAD_LOW;                                                              \
            bad = i;                                                                            \
            break;                                                                              \
        }                                                                                       \
        if (s == d)                                                                             \
            continue;                                                                           \
        Py_ssize_t s_low = s < pivot, d_low = d < pivot;                                        \
        uint64_t forward = (s << high_shift) | (d << low_bits) | l;                             \
        uint64_t backward = (d << high_shift) | (s << low_bits) | l;                            \
        out[front] = forward;                                                                   \
        out[back - 1] = forward;                                                                \
        front += s_low;                                                                         \
        back -= 1 - s_low;                                                                      \
        out[front] = backward;                                                                  \
        out[back - 1] = backward;                                                               \
        front += d_low;                                                                         \
        back -= 1 - d_low;                                                                      \
    }

static PyObject *pack(PyObject *self, PyObject *args)
{
    PyObject *src_obj, *dst_obj, *low_obj, *out_obj;
    Py_ssize_t n, pivot_arg;
    int node_bits, low_bits;
    if (!PyArg_ParseTuple(args, "OOOniiOn:pack", &src_obj, &dst_obj, &low_obj, &n, &node_bits,
                          &low_bits, &out_obj, &pivot_arg))
        return NULL;
    if (check_bits(n, node_bits, low_bits) < 0)
        return NULL;
    if (pivot_arg < 0 || pivot_arg > n) {
        PyErr_SetString(PyExc_ValueError, "pivot must be in 0..n");
        return NULL;
    }
    Py_buffer src_view, dst_view, low_view, out_view;
    PyObject *result = NULL;
    if (take_buffer(src_obj, &src_view, "src", K_SIGNED, 8, 0, 0) < 0)
        return NULL;
    if (take_buffer(dst_obj, &dst_view, "dst", K_SIGNED, 8, 0, 0) < 0)
        goto free_src;
    if (take_buffer(low_obj, &low_view, "low", K_UNSIGNED, 1 | 2 | 4 | 8, 0, 1) < 0)
        goto free_dst;
    if (take_buffer(out_obj, &out_view, "out", K_UNSIGNED, 8, 1, 0) < 0)
        goto free_low;

    Py_ssize_t m = length(&src_view);
    if (length(&dst_view) != m || (low_view.obj && length(&low_view) != m)) {
        PyErr_SetString(PyExc_ValueError, "src, dst and low must have the same length");
        goto free_all;
    }
    if (length(&out_view) < 2 * m) {
        PyErr_SetString(PyExc_ValueError, "out must hold two keys per edge");
        goto free_all;
    }
    {
        const int64_t *src = src_view.buf, *dst = dst_view.buf;
        uint64_t *out = out_view.buf;
        const uint64_t un = (uint64_t)n, low_mask = ((uint64_t)1 << low_bits) - 1;
        const uint64_t pivot = (uint64_t)pivot_arg;
        const int high_shift = node_bits + low_bits;
        Py_ssize_t front = 0, back = 2 * m, bad = -1;
        enum pack_status status = PACK_OK;
        Py_BEGIN_ALLOW_THREADS;
        switch (low_view.obj ? low_view.itemsize : 0) {
        case 0:
            PACK_LOOP((uint64_t)i);
            break;
        case 1: {
            const uint8_t *low = low_view.buf;
            PACK_LOOP(low[i]);
            break;
        }
        case 2: {
            const uint16_t *low = low_view.buf;
            PACK_LOOP(low[i]);
            break;
        }
        case 4: {
            const uint32_t *low = low_view.buf;
            PACK_LOOP(low[i]);
            break;
        }
        default: {
            const uint64_t *low = low_view.buf;
            PACK_LOOP(low[i]);
            break;
        }
        }
        /* Close the gap that self-loops left between the two parts. */
        if (status == PACK_OK && back > front)
            memmove(out + front, out + back, (size_t)(2 * m - back) * sizeof(uint64_t));
        Py_END_ALLOW_THREADS;
        if (status == PACK_BAD_ID) {
            /* The message of the pure-numpy path, plus the first offending edge. */
            PyErr_Format(PyExc_ValueError, "node ids must be in 0..%zd (edge %zd: %lld - %lld)",
                         n - 1, bad, (long long)src[bad], (long long)dst[bad]);
        }
        else if (status == PACK_BAD_LOW) {
            PyErr_Format(PyExc_ValueError, "low bits of edge %zd (%llu) do not fit in %d bits",
                         bad,
                         (unsigned long long)(low_view.obj ? read_unsigned(low_view.buf,
                                                                           low_view.itemsize, bad)
                                                           : (uint64_t)bad),
                         low_bits);
        }
        else {
            result = Py_BuildValue("nn", front + (2 * m - back), front);
        }
    }
free_all:
    release(&out_view);
free_low:
    release(&low_view);
free_dst:
    release(&dst_view);
free_src:
    release(&src_view);
    return result;
}

/* unpack / unpack_max ------------------------------------------------------------------------ */

/* Both walk sorted keys once. A new (source, neighbour) pair starts an entry: its neighbour goes
 * to out_indices and the rows between the previous source and this one get their offsets.
 * Entries of a pair already started are duplicates, merged into the last entry (unpack: the
 * last one's low bits win, i.e. the highest; unpack_max: the strongest recorded value wins,
 * else the strongest of all). The offsets of the remaining rows, empty ones included, are
 * written at the end.
 *
 * One call covers the rows first_row..last_row-1, whose keys are given (all of them, and no
 * others); out_indptr[r - first_row] receives base + the position of row r's first entry, and
 * when out_indptr has one slot more, base + the number of entries after the last row. So the
 * two parts that pack separated can be taken apart at once, each into its own part of the
 * output arrays. */

/* What the arguments of either function say about rows, checked. */
struct rows {
    Py_ssize_t n, first, last, base;
    int node_bits, low_bits, with_end;
};

static int check_rows(struct rows *rows, Py_ssize_t keys, const Py_buffer *indices,
                      const Py_buffer *indptr)
{
    if (check_bits(rows->n, rows->node_bits, rows->low_bits) < 0)
        return -1;
    if (rows->first < 0 || rows->first > rows->last || rows->last > rows->n || rows->base < 0) {
        PyErr_SetString(PyExc_ValueError, "rows must satisfy 0 <= first_row <= last_row <= n");
        return -1;
    }
    Py_ssize_t count = rows->last - rows->first;
    if (length(indptr) != count && length(indptr) != count + 1) {
        PyErr_SetString(PyExc_ValueError, "out_indptr must hold one offset per row (+1)");
        return -1;
    }
    rows->with_end = length(indptr) == count + 1;
    if (length(indices) < keys) {
        PyErr_SetString(PyExc_ValueError, "output arrays are too small");
        return -1;
    }
    return 0;
}

/* Start of both loops' bodies: decode key i; when it starts a new pair (``fresh``), store its
 * neighbour and the offsets of the rows up to its source. A neighbour outside 0..n-1 or keys
 * out of order are only noted (no branch) and raised afterwards; a source outside the rows or
 * before the current one stops the loop, since its offsets would be written out of place. The row test is the one branch taken unpredictably, once per row. */
#define UNPACK_STEP()                                                                           \
    uint64_t key = keys[i];                                                                     \
    unsorted |= key < previous_key;                                                             \
    previous_key = key;                                                                         \
    uint64_t pair = key >> low_bits;                                                            \
    uint64_t l = key & low_mask;                                                                \
    int fresh = (pair != previous) | (j == 0);                                                  \
    if (fresh) {                                                                                \
        uint64_t s = pair >> node_bits, d = pair & node_mask;                                   \
        bad_id |= d >= un;                                                                      \
        if (s != row) {                                                                         \
            if (s < row || s >= last) {                                                         \
                if (s < row && j > 0)                                                           \
                    unsorted = 1;                                                               \
                else                                                                            \
                    bad_id = 1;                                                                 \
                break;                                                                          \
            }                                                                                   \
            for (uint64_t r = row + 1; r <= s; r++)                                             \
                indptr[r - first] = base + j;                                                   \
            row = s;                                                                            \
        }                                                                                       \
        indices[j++] = (int32_t)d;                                                              \
        previous = pair;                                                                        \
    }

/* Variables of both loops. */
#define UNPACK_DECLARE()                                                                        \
    const uint64_t *keys = keys_view.buf;                                                       \
    int32_t *indices = indices_view.buf;                                                        \
    int64_t *indptr = indptr_view.buf;                                                          \
    const int node_bits = rows.node_bits, low_bits = rows.low_bits;                             \
    const uint64_t un = (uint64_t)rows.n, first = (uint64_t)rows.first;                         \
    const uint64_t last = (uint64_t)rows.last;                                                  \
    const int64_t base = rows.base;                                                             \
    const uint64_t low_mask = ((uint64_t)1 << low_bits) - 1;                                    \
    const uint64_t node_mask = ((uint64_t)1 << node_bits) - 1;                                  \
    const Py_ssize_t count = length(&keys_view);                                                \
    uint64_t previous = 0, previous_key = 0, row = first;                                       \
    Py_ssize_t j = 0;                                                                           \
    int unsorted = 0, bad_id = 0;                                                               \
    if (last > first)                                                                           \
        indptr[0] = base;

/* The offsets of the rows after the last source (and of every row when there are no keys),
 * and the end when asked for. */
#define UNPACK_FINISH()                                                                         \
    if (last > first) {                                                                         \
        for (uint64_t r = row + 1; r < last; r++)                                               \
            indptr[r - first] = base + j;                                                       \
    }                                                                                           \
    if (rows.with_end)                                                                          \
        indptr[last - first] = base + j;

static int raise_unpack(int unsorted, int bad_id)
{
    if (unsorted)
        PyErr_SetString(PyExc_ValueError, "keys must be sorted");
    else if (bad_id)
        PyErr_SetString(PyExc_ValueError, "a key names a node outside the rows or 0..n-1");
    return unsorted || bad_id ? -1 : 0;
}

#define UNPACK_LOOP(STORE)                                                                      \
    for (Py_ssize_t i = 0; i < count; i++) {                                                    \
        UNPACK_STEP();                                                                          \
        out_low[j - 1] = (STORE)l;                                                              \
    }

static PyObject *unpack(PyObject *self, PyObject *args)
{
    PyObject *keys_obj, *indices_obj, *low_obj, *indptr_obj;
    struct rows rows;
    if (!PyArg_ParseTuple(args, "OiinnnnOOO:unpack", &keys_obj, &rows.node_bits, &rows.low_bits,
                          &rows.n, &rows.first, &rows.last, &rows.base, &indices_obj, &low_obj,
                          &indptr_obj))
        return NULL;
    Py_buffer keys_view, indices_view, low_view, indptr_view;
    PyObject *result = NULL;
    if (take_buffer(keys_obj, &keys_view, "keys", K_UNSIGNED, 8, 0, 0) < 0)
        return NULL;
    if (take_buffer(indices_obj, &indices_view, "out_indices", K_SIGNED, 4, 1, 0) < 0)
        goto free_keys;
    if (take_buffer(low_obj, &low_view, "out_low", K_UNSIGNED, 1 | 2 | 4 | 8, 1, 0) < 0)
        goto free_indices;
    if (take_buffer(indptr_obj, &indptr_view, "out_indptr", K_SIGNED, 8, 1, 0) < 0)
        goto free_low;
    if (check_rows(&rows, length(&keys_view), &indices_view, &indptr_view) < 0)
        goto free_all;
    if (length(&low_view) < length(&keys_view)) {
        PyErr_SetString(PyExc_ValueError, "output arrays are too small");
        goto free_all;
    }
    if (rows.low_bits > 8 * low_view.itemsize) {
        PyErr_SetString(PyExc_ValueError, "out_low is too narrow for low_bits");
        goto free_all;
    }
    {
        UNPACK_DECLARE();
        Py_BEGIN_ALLOW_THREADS;
        switch (low_view.itemsize) {
        case 1: {
            uint8_t *out_low = low_view.buf;
            UNPACK_LOOP(uint8_t);
            break;
        }
        case 2: {
            uint16_t *out_low = low_view.buf;
            UNPACK_LOOP(uint16_t);
            break;
        }
        case 4: {
            uint32_t *out_low = low_view.buf;
            UNPACK_LOOP(uint32_t);
            break;
        }
        default: {
            uint64_t *out_low = low_view.buf;
            UNPACK_LOOP(uint64_t);
            break;
        }
        }
        UNPACK_FINISH();
        Py_END_ALLOW_THREADS;
        if (raise_unpack(unsorted, bad_id) == 0)
            result = PyLong_FromSsize_t(j);
    }
free_all:
    release(&indptr_view);
free_low:
    release(&low_view);
free_indices:
    release(&indices_view);
free_keys:
    release(&keys_view);
    return result;
}

static PyObject *unpack_max(PyObject *self, PyObject *args)
{
    PyObject *keys_obj, *values_obj, *flags_obj, *indices_obj, *weights_obj, *inferred_obj,
        *indptr_obj;
    struct rows rows;
    if (!PyArg_ParseTuple(args, "OiinnnnOOOOOO:unpack_max", &keys_obj, &rows.node_bits,
                          &rows.low_bits, &rows.n, &rows.first, &rows.last, &rows.base,
                          &values_obj, &flags_obj, &indices_obj, &weights_obj, &inferred_obj,
                          &indptr_obj))
        return NULL;
    Py_buffer keys_view, values_view, flags_view, indices_view, weights_view, inferred_view,
        indptr_view;
    PyObject *result = NULL;
    if (take_buffer(keys_obj, &keys_view, "keys", K_UNSIGNED, 8, 0, 0) < 0)
        return NULL;
    if (take_buffer(values_obj, &values_view, "values", K_FLOAT, 8, 0, 0) < 0)
        goto free_keys;
    if (take_buffer(flags_obj, &flags_view, "flags", K_BOOL, 1, 0, 1) < 0)
        goto free_values;
    if (take_buffer(indices_obj, &indices_view, "out_indices", K_SIGNED, 4, 1, 0) < 0)
        goto free_flags;
    if (take_buffer(weights_obj, &weights_view, "out_weights", K_FLOAT, 8, 1, 0) < 0)
        goto free_indices;
    if (take_buffer(inferred_obj, &inferred_view, "out_inferred", K_BOOL, 1, 1, 1) < 0)
        goto free_weights;
    if (take_buffer(indptr_obj, &indptr_view, "out_indptr", K_SIGNED, 8, 1, 0) < 0)
        goto free_inferred;
    if (check_rows(&rows, length(&keys_view), &indices_view, &indptr_view) < 0)
        goto free_all;
    if (length(&weights_view) < length(&keys_view) ||
        (flags_view.obj != NULL) != (inferred_view.obj != NULL) ||
        (inferred_view.obj && length(&inferred_view) < length(&keys_view))) {
        PyErr_SetString(PyExc_ValueError, "output arrays are too small or missing");
        goto free_all;
    }
    if (flags_view.obj && length(&flags_view) != length(&values_view)) {
        PyErr_SetString(PyExc_ValueError, "values and flags must have the same length");
        goto free_all;
    }
    {
        UNPACK_DECLARE();
        const double *values = values_view.buf;
        const char *flags = flags_view.buf;
        double *weights = weights_view.buf;
        char *inferred = inferred_view.buf;
        const uint64_t value_count = (uint64_t)length(&values_view);
        int bad_index = 0;
        Py_BEGIN_ALLOW_THREADS;
        if (flags == NULL) {
            for (Py_ssize_t i = 0; i < count; i++) {
                UNPACK_STEP();
                if (l >= value_count) {
                    bad_index = 1;
                    break;
                }
                double value = values[l];
                if (fresh || value > weights[j - 1])
                    weights[j - 1] = value;
            }
        }
        else {
            /* A recorded entry beats every inferred one; among equals the strongest wins. The
             * entry's inferred flag says whether it holds a recorded value yet. */
            for (Py_ssize_t i = 0; i < count; i++) {
                UNPACK_STEP();
                if (l >= value_count) {
                    bad_index = 1;
                    break;
                }
                double value = values[l];
                char guessed = flags[l] != 0;
                if (fresh) {
                    weights[j - 1] = value;
                    inferred[j - 1] = guessed;
                }
                else if (inferred[j - 1] == guessed) {
                    if (value > weights[j - 1])
                        weights[j - 1] = value;
                }
                else if (!guessed) { /* the first recorded entry replaces inferred ones */
                    weights[j - 1] = value;
                    inferred[j - 1] = 0;
                }
            }
        }
        UNPACK_FINISH();
        Py_END_ALLOW_THREADS;
        if (bad_index)
            PyErr_SetString(PyExc_ValueError, "a key's low bits are not an index into values");
        else if (raise_unpack(unsorted, bad_id) == 0)
            result = PyLong_FromSsize_t(j);
    }
free_all:
    release(&indptr_view);
free_inferred:
    release(&inferred_view);
free_weights:
    release(&weights_view);
free_indices:
    release(&indices_view);
free_flags:
    release(&flags_view);
free_values:
    release(&values_view);
free_keys:
    release(&keys_view);
    return result;
}

/* The module -------------------------------------------------------------------------------- */

static PyMethodDef kernel_methods[] = {
    {"pack", pack, METH_VARARGS,
     "pack(src, dst, low, n, node_bits, low_bits, out, pivot) -> (written, split)\n\n"
     "Write keys source<<(node_bits+low_bits) | neighbour<<low_bits | low for both directions\n"
     "of every edge that is not a self-loop; low None means the edge's index. src and dst are\n"
     "int64, low unsigned, out uint64 with room for 2*len(src) keys. Keys with source < pivot\n"
     "come first (out[:split]), the others after them (out[split:written]), so that the two\n"
     "parts can be sorted separately. Raises ValueError for an id outside 0..n-1."},
    {"unpack", unpack, METH_VARARGS,
     "unpack(keys, node_bits, low_bits, n, first_row, last_row, base, out_indices, out_low,\n"
     "       out_indptr) -> int\n\n"
     "Take apart sorted keys whose sources are first_row..last_row-1: one entry per (source,\n"
     "neighbour) pair, keeping the last (highest) low bits of duplicates; neighbours to\n"
     "out_indices (int32), low bits to out_low (unsigned), base + each row's first position\n"
     "to out_indptr (int64; one slot more for the end). Returns the number of entries."},
    {"unpack_max", unpack_max, METH_VARARGS,
     "unpack_max(keys, node_bits, low_bits, n, first_row, last_row, base, values, flags,\n"
     "           out_indices, out_weights, out_inferred, out_indptr) -> int\n\n"
     "Like unpack, for keys whose low bits index values (float64): each pair's weight is the\n"
     "largest value of its recorded entries (flags False), else of all; out_inferred says\n"
     "which pairs had no recorded entry. flags and out_inferred are both None or both bool."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef kernel_module = {
    PyModuleDef_HEAD_INIT, "_kernel",
    "Fused linear passes of graph_from_edges (optional; csr.py has a pure-numpy fallback).", -1,
    kernel_methods,
};

PyMODINIT_FUNC PyInit__kernel(void)
{
    PyObject *module = PyModule_Create(&kernel_module);
    if (module == NULL)
        return NULL;
    if (PyModule_AddIntConstant(module, "API", KERNEL_API) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
