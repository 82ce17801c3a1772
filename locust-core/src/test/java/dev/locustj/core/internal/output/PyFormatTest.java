package dev.locustj.core.internal.output;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PyFormatTest {

    @Test
    void floatReprMatchesPython() {
        // values printed by python3 repr()
        assertThat(PyFormat.pyFloat(12.0)).isEqualTo("12.0");
        assertThat(PyFormat.pyFloat(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(PyFormat.pyFloat(1e16)).isEqualTo("1e+16");
        assertThat(PyFormat.pyFloat(1e15)).isEqualTo("1000000000000000.0");
        assertThat(PyFormat.pyFloat(1e-5)).isEqualTo("1e-05");
        assertThat(PyFormat.pyFloat(0.0001)).isEqualTo("0.0001");
        assertThat(PyFormat.pyFloat(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(PyFormat.pyFloat(2.5e22)).isEqualTo("2.5e+22");
        assertThat(PyFormat.pyFloat(123456789012345.6)).isEqualTo("123456789012345.6");
        assertThat(PyFormat.pyFloat(1795371966.2438128)).isEqualTo("1795371966.2438128");
        assertThat(PyFormat.pyFloat(73204.7 / 29)).isEqualTo("2524.2999999999997");
        assertThat(PyFormat.pyFloat(100.0)).isEqualTo("100.0");
        assertThat(PyFormat.pyFloat(-2.5)).isEqualTo("-2.5");
        assertThat(PyFormat.pyFloat(0.0)).isEqualTo("0.0");
    }

    @Test
    void fixedPointRoundsLikePythonOnTheBinaryValue() {
        assertThat(PyFormat.fixed(0.125, 2)).isEqualTo("0.12");
        assertThat(PyFormat.fixed(0.375, 2)).isEqualTo("0.38");
        assertThat(PyFormat.fixed(2.675, 2)).isEqualTo("2.67");
        assertThat(PyFormat.fixed(1.0000005, 6)).isEqualTo("1.000001");
        assertThat(PyFormat.fixed(0.0, 6)).isEqualTo("0.000000");
        assertThat(PyFormat.fixed(0.1, 6)).isEqualTo("0.100000");
        assertThat(PyFormat.fixed(-0.001, 2)).isEqualTo("-0.00");
    }

    @Test
    void percentLabelsAndNumbers() {
        assertThat(PyFormat.PERCENTILES_TO_REPORT.stream().map(PyFormat::percentLabel).toList()).containsExactly(
                "50%", "66%", "75%", "80%", "90%", "95%", "98%", "99%", "99.9%", "99.99%", "100%");
        assertThat(PyFormat.pyNumber(3.0)).isEqualTo("3");
        assertThat(PyFormat.pyNumber(15678.9)).isEqualTo("15678.9");
    }
}
