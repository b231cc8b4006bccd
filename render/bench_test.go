package render

import (
	"context"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gongkai/reportjson"
)

// Benchmarks render a department of 2,000 table lines (seed 003 with its
// classification lines repeated, see bigReport) in each format. Targets on
// one core: HTML < 10 ms, XLSX < 100 ms, PDF < 1 s (the native writer;
// Chromium takes some 3.5 s). Besides ns/op and
// B/op, each reports peak-MB: the highest live Go heap seen while it ran
// (sampled every millisecond; Chromium's own memory is not counted).

const benchLines = 2000

// peakHeap samples the heap in use until stop is called and returns the
// peak in MB.
func peakHeap() (stop func() float64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		// runtime/metrics reads without stopping the world, unlike
		// runtime.ReadMemStats.
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	return func() float64 {
		close(done)
		wg.Wait()
		return float64(peak.Load()) / (1 << 20)
	}
}

func benchRender(b *testing.B, f func() error) {
	b.ReportAllocs()
	runtime.GC()
	stop := peakHeap()
	b.ResetTimer()
	for b.Loop() {
		if err := f(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(stop(), "peak-MB")
}

func BenchmarkHTML(b *testing.B) {
	r := bigReport(b, benchLines)
	benchRender(b, func() error { _, err := HTML(r); return err })
}

func BenchmarkXLSX(b *testing.B) {
	r := bigReport(b, benchLines)
	benchRender(b, func() error { _, err := XLSX(r); return err })
}

func BenchmarkCSV(b *testing.B) {
	r := bigReport(b, benchLines)
	benchRender(b, func() error {
		if _, err := CSV(r); err != nil {
			return err
		}
		_, err := DataPackage(r, "big")
		return err
	})
}

func BenchmarkJSON(b *testing.B) {
	r := bigReport(b, benchLines)
	benchRender(b, func() error { _, err := reportjson.Marshal(r); return err })
}

func BenchmarkSeal(b *testing.B) {
	r := bigReport(b, benchLines)
	benchRender(b, func() error { _, err := reportjson.Seal(r); return err })
}

// BenchmarkPDF writes the PDF with the native writer (the default); the
// attachment is included. The fonts are parsed once per process, before
// the timer.
func BenchmarkPDF(b *testing.B) {
	r := bigReport(b, benchLines)
	if _, err := NativePDF(smallReport(b)); err != nil {
		b.Fatal(err)
	}
	benchRender(b, func() error { _, err := PDF(context.Background(), nil, r); return err })
}

// BenchmarkPDFChromium prints with a warm browser (started before the
// timer), as a server keeps one; the attachment is included.
func BenchmarkPDFChromium(b *testing.B) {
	needChromium(b)
	r := bigReport(b, benchLines)
	p := NewPrinter("")
	defer p.Close()
	if _, err := p.PDF(context.Background(), []byte("<p>warm</p>")); err != nil {
		b.Fatal(err)
	}
	benchRender(b, func() error { _, err := PDF(context.Background(), p, r); return err })
}

// BenchmarkAttach adds the report to an already printed PDF.
func BenchmarkAttach(b *testing.B) {
	needChromium(b)
	r := bigReport(b, benchLines)
	sealed, _ := reportjson.Seal(r)
	html, _ := htmlWithSeal(r, sealed)
	p := NewPrinter("")
	defer p.Close()
	pdf, err := p.PDF(context.Background(), html)
	if err != nil {
		b.Fatal(err)
	}
	benchRender(b, func() error { _, err := Attach(pdf, AttachmentName, sealed); return err })
}
