package pdfdoc

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// numberRe matches an amount, a count, a share or a code as printed
	// in a table cell: 1,668.14  -20400  12.5%  2101501  (3.00).
	numberRe = regexp.MustCompile(`^[(（]?[-−+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?[)）]?[%％]?$`)
	// placeholderRe matches what tables print for "nothing": - — / ** 0.
	placeholderRe = regexp.MustCompile(`^([-−—–/／*＊]{1,3}|[·.]{1,3})$`)

	chineseNum = `[一二三四五六七八九十百零〇]+`
	// Heading numbers, largest first.
	partRe     = regexp.MustCompile(`^第` + chineseNum + `(部分|章|篇)`)
	chapterRe  = regexp.MustCompile(`^` + chineseNum + `[、.．]`)
	sectionRe  = regexp.MustCompile(`^[(（]` + chineseNum + `[)）]`)
	itemRe     = regexp.MustCompile(`^\d{1,2}\s*[、.．]\s*[^\d\s]`)
	subitemRe  = regexp.MustCompile(`^[(（]\d{1,2}[)）]|^[①-⑳]`)
	appendixRe = regexp.MustCompile(`^附(件|表)\s*\d*[:：]?`)

	// Lines that caption a table rather than belong to it.
	titleKeyRe = regexp.MustCompile(`^(单位名称|编制单位|填报单位|预算单位|部门名称|部门|单位|金额单位|预算年度)\s*[:：]|` +
		`(金额)?单位\s*[:：]\s*(万元|元|千元|亿元|人|个|辆|平方米)\s*$|` +
		`^(公开|预算|决算|附)\s*\d{1,2}\s*表$|^表\s*[\d一二三四五六七八九十]{1,3}(-\d+)?$|` +
		`^(表\s*[一二三四五六七八九十\d]+|[一二三四五六七八九十]+、)?.{0,40}表\s*[(（]?续?[)）]?$|^续表\d*$`)
	yearCaptionRe = regexp.MustCompile(`^[(（]\d{4}年度?[)）]$`)
	bulletRe      = regexp.MustCompile(`^[-−—–•·●○■□◆◇▪*※]$`)
	totalNameRe   = regexp.MustCompile(`^(合计|总计|小计)$`)
	noteRe        = regexp.MustCompile(`^(注|备注|说明|填表说明|注释)\s*\d*\s*[:：]`)
	// emptyNoteRe matches a note that says its table is empty.
	emptyNoteRe = regexp.MustCompile(`表为空|空表|无数据|无发生额`)
	leaderRe    = regexp.MustCompile(`(\.{4,}|…{2,}|·{4,}|-{6,}).*\d+\s*$`)
	pageNumRe   = regexp.MustCompile(`^([-－—–]\s*\d{1,4}\s*[-－—–]|\d{1,4}|第\s*\d+\s*页(\s*[/，,]?\s*共\s*\d+\s*页)?|\d{1,4}\s*/\s*\d{1,4})$`)
)

// isNumber reports whether s reads as a number or a number placeholder.
func isNumber(s string) bool {
	return matchNumber(s) || matchPlaceholder(s)
}

// isDigits reports whether s is a number proper (not a placeholder).
func isDigits(s string) bool { return matchNumber(s) }

// headingLevel returns the heading level its numbering gives a line: 1 for
// 第X部分, 2 for 一、, 3 for （一）, 4 for 1. or 1、, 5 for （1）; 0 when the
// line does not start with a heading number.
func headingLevel(s string) int {
	if r, _ := utf8.DecodeRuneInString(s); !strings.ContainsRune(headingFirst, r) && !(r >= '0' && r <= '9') && !(r >= '①' && r <= '⑳') {
		return 0 // every heading pattern starts with one of these
	}
	switch {
	case partRe.MatchString(s):
		return 1
	case chapterRe.MatchString(s):
		return 2
	case sectionRe.MatchString(s):
		return 3
	case itemRe.MatchString(s):
		return 4
	case subitemRe.MatchString(s):
		return 5
	case appendixRe.MatchString(s):
		return 2
	}
	return 0
}

// compact removes all white space, ASCII and full-width.
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}

// isTitleText reports whether a line is a table caption: a title ending in
// 表, a table number, a unit or department line.
func isTitleText(s string) bool {
	c := compact(s)
	if c == "" || utf8.RuneCountInString(c) > 60 {
		return false
	}
	if (c[0] == '(' || strings.HasPrefix(c, "（")) && yearCaptionRe.MatchString(c) {
		return true // the year a table is for, under its title: "(2024年度)"
	}
	// Every caption pattern has 表 or a colon; most lines have neither,
	// and the pattern is slow to reject them.
	if !strings.Contains(c, "表") && !strings.ContainsAny(c, ":：") {
		return false
	}
	return titleKeyRe.MatchString(c) || titleKeyRe.MatchString(strings.TrimSpace(s))
}

// isNoteText reports whether a line starts a note under a table (注：…).
func isNoteText(s string) bool {
	// noteRe starts with 注, 备, 说 or 填: look at the first rune compact keeps.
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) && r != '\u3000' {
			if !strings.ContainsRune("注备说填", r) {
				return false
			}
			break
		}
		i += w
	}
	return noteRe.MatchString(compact(s))
}

// isLeaderLine reports whether a line is a table-of-contents entry with a
// dot leader and a page number.
func isLeaderLine(s string) bool {
	if !strings.Contains(s, "....") && !strings.Contains(s, "……") && !strings.Contains(s, "····") && !strings.Contains(s, "------") {
		return false
	}
	return leaderRe.MatchString(s)
}

// isPageNumber reports whether a line is only a page number (3, - 3 -,
// 第3页, 第3页共20页, 3/20).
func isPageNumber(s string) bool {
	t := strings.TrimSpace(s)
	if r, _ := utf8.DecodeRuneInString(t); !strings.ContainsRune("-－—–第", r) && !(r >= '0' && r <= '9') {
		return false // every match starts with one of these
	}
	return pageNumRe.MatchString(t)
}

// headingFirst holds the first characters of heading numbers but digits
// and circled numbers.
const headingFirst = "第一二三四五六七八九十百零〇(（附"

// startsRow reports whether text opens a new item: it begins with a
// heading number (一、 （一） 1. （1）), or is a code or number.
func startsRow(s string) bool {
	if headingLevel(s) > 0 {
		return true
	}
	f := strings.Fields(s)
	return len(f) > 0 && isNumber(f[0])
}
