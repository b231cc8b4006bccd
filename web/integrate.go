package web

// defaultRenderer returns the renderer built into this program, or nil
// while package render is not part of it.
func defaultRenderer() Renderer { return nil }

// defaultGenerator returns the generator built into this program, or nil
// while packages budget and generate are not part of it.
func defaultGenerator() Generator { return nil }
