package process

import "testing"

func TestSplitUTF8(t *testing.T) {
	for _, tc := range []struct{ in, text, rest string }{
		{"abc", "abc", ""},
		{"h\xc3\xa9", "h\xc3\xa9", ""},
		{"h\xc3", "h", "\xc3"},
		{"\xe2\x82", "", "\xe2\x82"},
		{"a\xe2\x82\xac", "a\xe2\x82\xac", ""},
		{"\x80\x80", "\x80\x80", ""}, // invalid bytes pass through as they are
	} {
		text, rest := splitUTF8([]byte(tc.in))
		if string(text) != tc.text || string(rest) != tc.rest {
			t.Errorf("splitUTF8(%q) = %q, %q; want %q, %q", tc.in, text, rest, tc.text, tc.rest)
		}
	}
}
